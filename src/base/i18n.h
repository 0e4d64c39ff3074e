/*
 * i18n — translations in the gettext way, without process-wide state.
 *
 * Source strings are English and marked for xgettext: tr(lang, "...") where a
 * string is translated at once, N_("...") in static tables (translated when
 * shown), trn(lang, "one", "many", n) for plurals. po/nl.po holds the Dutch
 * catalogue; the build compiles it with msgfmt and embeds the .mo, and tr()
 * looks strings up in that read-only data. Because the language is an
 * argument, a web request in Dutch and one in English can run side by side.
 */
#ifndef KOERS_I18N_H
#define KOERS_I18N_H

enum lang { LANG_EN, LANG_NL, LANG__COUNT };

#define N_(s) (s)

/* The translation of msgid in lang, or msgid itself. Never NULL. */
const char *tr(enum lang lang, const char *msgid) __attribute__((format_arg(2)));
const char *trn(enum lang lang, const char *singular, const char *plural, unsigned long n)
	__attribute__((format_arg(2), format_arg(3)));

/* "en" or "nl". */
const char *lang_code(enum lang lang);
/* 0 and *out set for "en", "nl", "nl_NL.UTF-8", "en-GB", ...; -1 otherwise. */
int lang_parse(const char *name, enum lang *out);
/* The language of the user's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). */
enum lang lang_from_env(void);

#endif
