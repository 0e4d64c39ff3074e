#include "base/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"

static const char *const lang_codes[LANG__COUNT] = { "en", "nl" };
static const char *const catalogue_names[LANG__COUNT] = { NULL, "locale/nl.mo" };

/* A view on a GNU .mo file: see "The Format of GNU MO Files" in the gettext manual. */
struct mo {
	const unsigned char *data;
	size_t size;
	uint32_t count, originals, translations;
};

static uint32_t mo_u32(const struct mo *mo, uint32_t off)
{
	const unsigned char *p = mo->data + off;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int mo_open(struct mo *mo, enum lang lang)
{
	const struct embedded *f = catalogue_names[lang] ? embedded_find(catalogue_names[lang]) : NULL;
	if (!f || f->size < 28)
		return -1;
	mo->data = f->data;
	mo->size = f->size;
	if (mo_u32(mo, 0) != 0x950412deu) /* msgfmt writes the host's order: little-endian here */
		return -1;
	mo->count = mo_u32(mo, 8);
	mo->originals = mo_u32(mo, 12);
	mo->translations = mo_u32(mo, 16);
	if (mo->originals + (uint64_t)mo->count * 8 > f->size ||
	    mo->translations + (uint64_t)mo->count * 8 > f->size)
		return -1;
	return 0;
}

/* The string of table entry i (original or translation) with its length. */
static const char *mo_string(const struct mo *mo, uint32_t table, uint32_t i, uint32_t *len)
{
	uint32_t n = mo_u32(mo, table + i * 8), off = mo_u32(mo, table + i * 8 + 4);
	if ((uint64_t)off + n >= mo->size)
		return NULL;
	*len = n;
	return (const char *)mo->data + off;
}

/* The translation entry for msgid (binary search: originals are sorted), or NULL. */
static const char *mo_lookup(enum lang lang, const char *msgid, uint32_t *len)
{
	struct mo mo;
	if (mo_open(&mo, lang) < 0)
		return NULL;
	uint32_t lo = 0, hi = mo.count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2, olen;
		const char *orig = mo_string(&mo, mo.originals, mid, &olen);
		if (!orig)
			return NULL;
		int c = strcmp(msgid, orig);
		if (!c) {
			const char *s = mo_string(&mo, mo.translations, mid, len);
			return s && *len ? s : NULL;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *tr(enum lang lang, const char *msgid)
{
	uint32_t len;
	const char *s = mo_lookup(lang, msgid, &len);
	return s ? s : msgid;
}

const char *trn(enum lang lang, const char *singular, const char *plural, unsigned long n)
{
	/* English and Dutch share the rule nplurals=2; plural=(n != 1). */
	int form = n != 1;
	uint32_t len;
	const char *s = mo_lookup(lang, singular, &len);
	if (!s)
		return form ? plural : singular;
	if (form) {
		size_t first = strlen(s);
		if (first + 1 < len)
			return s + first + 1;
	}
	return s;
}

const char *lang_code(enum lang lang)
{
	return lang_codes[lang];
}

int lang_parse(const char *name, enum lang *out)
{
	if (!name)
		return -1;
	for (int i = 0; i < LANG__COUNT; i++) {
		size_t n = strlen(lang_codes[i]);
		if (!strncmp(name, lang_codes[i], n) && strchr("_-.@:", name[n] ? name[n] : '_')) {
			*out = (enum lang)i;
			return 0;
		}
	}
	return -1;
}

enum lang lang_from_env(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		enum lang lang;
		if (lang_parse(v, &lang) == 0)
			return lang;
		if (i > 0) /* the first locale variable that is set decides, as in POSIX */
			return LANG_EN;
	}
	return LANG_EN;
}
