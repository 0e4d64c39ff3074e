#include "report/doc.h"

#include <stdbool.h>
#include <string.h>

static const char style[] =
	"body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2433;"
	"max-width:60rem;margin:2rem auto;padding:0 1.5rem}"
	"h1{font-size:2rem;margin-bottom:.2rem}h2{border-bottom:2px solid #1d2433;padding-bottom:.2rem;margin-top:2.5rem}"
	"h3{margin-top:1.6rem}.subtitle{color:#4a5568;margin-top:0}"
	"div.table{overflow-x:auto;margin:.8rem 0}table{border-collapse:collapse;width:100%;font-size:.92rem}"
	"th,td{border:1px solid #a0aec0;padding:.3rem .5rem;vertical-align:top;text-align:left}"
	"th{background:#edf2f7}td.r,th.r{text-align:right}td.c,th.c{text-align:center}"
	".note{color:#718096;font-style:italic}.field b{display:inline-block;min-width:9rem}"
	".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem}"
	".card{border:1px solid #a0aec0;border-radius:6px;padding:.6rem 1rem;break-inside:avoid}"
	".card h4{margin:.2rem 0}.card .subtitle{font-size:.9rem}"
	".shares{display:flex;border:1px solid #1d2433;margin:.8rem 0}"
	".shares div{padding:.3rem .4rem;font-size:.85rem;border-right:1px solid #1d2433;overflow:hidden;white-space:nowrap}"
	".shares div:nth-child(4n+1){background:#e2e8f0}.shares div:nth-child(4n+2){background:#fff}"
	".shares div:nth-child(4n+3){background:#cbd5e0}.shares div:nth-child(4n){background:#f7fafc}"
	".risk-low{background:#e6f4ea}.risk-medium{background:#fff4cc}.risk-high{background:#fde2c8;font-weight:600}"
	".risk-critical{background:#f8c9c4;font-weight:700}.toc{columns:2}"
	"@media print{body{margin:0;max-width:none;font-size:11pt}div.table{overflow:visible}table{font-size:8.5pt}h2{break-before:page}"
	"h2,h3,h4{break-after:avoid}table,.card{break-inside:avoid}a{color:inherit;text-decoration:none}"
	".toc{columns:1}}";

void html_escape(struct strbuf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': strbuf_addstr(out, "&amp;"); break;
		case '<': strbuf_addstr(out, "&lt;"); break;
		case '>': strbuf_addstr(out, "&gt;"); break;
		case '"': strbuf_addstr(out, "&quot;"); break;
		case '\'': strbuf_addstr(out, "&#39;"); break;
		default: strbuf_addch(out, *s);
		}
	}
}

/* Markdown: escape what would otherwise become markup; newlines become spaces in cells. */
static void md_escape(struct strbuf *out, const char *s, bool in_cell)
{
	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			strbuf_addch(out, '\\');
		if (*s == '\n' && in_cell)
			strbuf_addstr(out, "<br>");
		else
			strbuf_addch(out, *s);
	}
}

static void text(struct doc *d, const char *s)
{
	if (d->format == DOC_HTML)
		html_escape(d->out, s);
	else
		md_escape(d->out, s, false);
}

int doc_format_parse(const char *name, enum doc_format *out)
{
	if (!strcmp(name, "html"))
		*out = DOC_HTML;
	else if (!strcmp(name, "md") || !strcmp(name, "markdown"))
		*out = DOC_MD;
	else
		return -1;
	return 0;
}

void doc_init(struct doc *d, enum doc_format format, struct strbuf *out)
{
	d->format = format;
	d->out = out;
	d->table_cols = 0;
	d->table_align = NULL;
}

/* The line under a title or a card's name, when there is one. */
static void add_subtitle(struct doc *d, const char *subtitle)
{
	if (!subtitle || !*subtitle)
		return;
	if (d->format == DOC_MD) {
		strbuf_addch(d->out, '_');
		text(d, subtitle);
		strbuf_addstr(d->out, "_\n\n");
	} else {
		strbuf_addstr(d->out, "<p class=\"subtitle\">");
		html_escape(d->out, subtitle);
		strbuf_addstr(d->out, "</p>\n");
	}
}

void doc_begin(struct doc *d, const char *lang, const char *title, const char *subtitle)
{
	if (d->format == DOC_MD) {
		strbuf_addstr(d->out, "# ");
		text(d, title);
		strbuf_addstr(d->out, "\n\n");
		add_subtitle(d, subtitle);
		return;
	}
	strbuf_addstr(d->out, "<!DOCTYPE html>\n<html lang=\"");
	html_escape(d->out, lang);
	strbuf_addstr(d->out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
			      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_escape(d->out, title);
	strbuf_addstr(d->out, "</title>\n<style>");
	strbuf_addstr(d->out, style);
	strbuf_addstr(d->out, "</style>\n</head>\n<body>\n<header>\n<h1>");
	html_escape(d->out, title);
	strbuf_addstr(d->out, "</h1>\n");
	add_subtitle(d, subtitle);
	strbuf_addstr(d->out, "</header>\n<main>\n");
}

void doc_end(struct doc *d)
{
	if (d->format == DOC_HTML)
		strbuf_addstr(d->out, "</main>\n</body>\n</html>\n");
}

void doc_heading(struct doc *d, int level, const char *id, const char *s)
{
	if (level < 1)
		level = 1;
	if (level > 4)
		level = 4;
	if (d->format == DOC_MD) {
		/* A heading needs a blank line before it, also after a run of fields. */
		if (d->out->len && !(d->out->len >= 2 && !strcmp(d->out->buf + d->out->len - 2, "\n\n")))
			strbuf_addch(d->out, '\n');
		for (int i = 0; i < level; i++)
			strbuf_addch(d->out, '#');
		strbuf_addch(d->out, ' ');
		text(d, s);
		strbuf_addstr(d->out, "\n\n");
		return;
	}
	strbuf_addf(d->out, "<h%d", level);
	if (id) {
		strbuf_addstr(d->out, " id=\"");
		html_escape(d->out, id);
		strbuf_addch(d->out, '"');
	}
	strbuf_addch(d->out, '>');
	html_escape(d->out, s);
	strbuf_addf(d->out, "</h%d>\n", level);
}

void doc_text(struct doc *d, const char *s)
{
	if (!s || !*s)
		return;
	/* Paragraphs are separated by blank lines; single newlines are kept as line breaks. */
	while (*s) {
		const char *end = strstr(s, "\n\n");
		size_t n = end ? (size_t)(end - s) : strlen(s);
		while (n > 0 && s[n - 1] == '\n')
			n--;
		if (n > 0) {
			strbuf_addstr(d->out, d->format == DOC_HTML ? "<p>" : "");
			for (size_t i = 0; i < n; i++) {
				char c[2] = { s[i], 0 };
				if (s[i] == '\n')
					strbuf_addstr(d->out, d->format == DOC_HTML ? "<br>\n" : "  \n");
				else
					text(d, c);
			}
			strbuf_addstr(d->out, d->format == DOC_HTML ? "</p>\n" : "\n\n");
		}
		if (!end)
			break;
		s = end;
		while (*s == '\n')
			s++;
	}
}

void doc_note(struct doc *d, const char *s)
{
	if (d->format == DOC_HTML) {
		strbuf_addstr(d->out, "<p class=\"note\">");
		html_escape(d->out, s);
		strbuf_addstr(d->out, "</p>\n");
	} else {
		strbuf_addch(d->out, '_');
		text(d, s);
		strbuf_addstr(d->out, "_\n\n");
	}
}

void doc_field(struct doc *d, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	if (d->format == DOC_HTML) {
		strbuf_addstr(d->out, "<p class=\"field\"><b>");
		html_escape(d->out, label);
		strbuf_addstr(d->out, "</b> ");
		html_escape(d->out, value);
		strbuf_addstr(d->out, "</p>\n");
	} else {
		strbuf_addstr(d->out, "**");
		text(d, label);
		strbuf_addstr(d->out, "** ");
		text(d, value);
		strbuf_addstr(d->out, "  \n");
	}
}

void doc_list(struct doc *d, const char *const *items, size_t n)
{
	if (!n)
		return;
	strbuf_addstr(d->out, d->format == DOC_HTML ? "<ul>\n" : "");
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(d->out, d->format == DOC_HTML ? "<li>" : "- ");
		text(d, items[i]);
		strbuf_addstr(d->out, d->format == DOC_HTML ? "</li>\n" : "\n");
	}
	strbuf_addstr(d->out, d->format == DOC_HTML ? "</ul>\n" : "\n");
}

void doc_toc(struct doc *d, const char *const *ids, const char *const *texts, size_t n)
{
	if (d->format == DOC_MD) {
		for (size_t i = 0; i < n; i++) {
			strbuf_addstr(d->out, "- [");
			text(d, texts[i]);
			strbuf_addf(d->out, "](#%s)\n", ids[i]);
		}
		strbuf_addch(d->out, '\n');
		return;
	}
	strbuf_addstr(d->out, "<nav>\n<ol class=\"toc\">\n");
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(d->out, "<li><a href=\"#");
		html_escape(d->out, ids[i]);
		strbuf_addstr(d->out, "\">");
		html_escape(d->out, texts[i]);
		strbuf_addstr(d->out, "</a></li>\n");
	}
	strbuf_addstr(d->out, "</ol>\n</nav>\n");
}

static char align_of(const char *align, size_t i)
{
	return align && i < strlen(align) ? align[i] : 'l';
}

void doc_table_begin(struct doc *d, size_t cols, const char *const *headers, const char *align)
{
	d->table_cols = cols;
	d->table_align = align;
	if (d->format == DOC_MD) {
		strbuf_addch(d->out, '|');
		for (size_t i = 0; i < cols; i++) {
			strbuf_addch(d->out, ' ');
			md_escape(d->out, headers[i], true);
			strbuf_addstr(d->out, " |");
		}
		strbuf_addstr(d->out, "\n|");
		for (size_t i = 0; i < cols; i++) {
			char a = align_of(align, i);
			strbuf_addstr(d->out, a == 'r' ? " ---: |" : a == 'c' ? " :---: |" : " --- |");
		}
		strbuf_addch(d->out, '\n');
		return;
	}
	/* Wide tables scroll on screen instead of spilling over the page. */
	strbuf_addstr(d->out, "<div class=\"table\">\n<table>\n<thead><tr>");
	for (size_t i = 0; i < cols; i++) {
		char a = align_of(align, i);
		strbuf_addstr(d->out, a == 'r' ? "<th class=\"r\">" : a == 'c' ? "<th class=\"c\">" : "<th>");
		html_escape(d->out, headers[i]);
		strbuf_addstr(d->out, "</th>");
	}
	strbuf_addstr(d->out, "</tr></thead>\n<tbody>\n");
}

void doc_table_row(struct doc *d, const char *const *cells, const char *const *classes)
{
	if (d->format == DOC_MD) {
		strbuf_addch(d->out, '|');
		for (size_t i = 0; i < d->table_cols; i++) {
			strbuf_addch(d->out, ' ');
			md_escape(d->out, cells[i] ? cells[i] : "", true);
			strbuf_addstr(d->out, " |");
		}
		strbuf_addch(d->out, '\n');
		return;
	}
	strbuf_addstr(d->out, "<tr>");
	for (size_t i = 0; i < d->table_cols; i++) {
		char a = align_of(d->table_align, i);
		const char *cls = classes && classes[i] ? classes[i] : a == 'r' ? "r" : a == 'c' ? "c" : NULL;
		if (cls && *cls) {
			strbuf_addstr(d->out, "<td class=\"");
			html_escape(d->out, cls);
			strbuf_addstr(d->out, "\">");
		} else {
			strbuf_addstr(d->out, "<td>");
		}
		const char *cell = cells[i] ? cells[i] : "";
		for (const char *p = cell; *p; p++) {
			if (*p == '\n') {
				strbuf_addstr(d->out, "<br>");
				continue;
			}
			char c[2] = { *p, 0 };
			html_escape(d->out, c);
		}
		strbuf_addstr(d->out, "</td>");
	}
	strbuf_addstr(d->out, "</tr>\n");
}

void doc_table_end(struct doc *d)
{
	strbuf_addstr(d->out, d->format == DOC_HTML ? "</tbody>\n</table>\n</div>\n" : "\n");
	d->table_cols = 0;
	d->table_align = NULL;
}

void doc_cards_begin(struct doc *d)
{
	if (d->format == DOC_HTML)
		strbuf_addstr(d->out, "<div class=\"cards\">\n");
}

void doc_card_begin(struct doc *d, const char *title, const char *subtitle)
{
	if (d->format == DOC_MD) {
		strbuf_addstr(d->out, "#### ");
		text(d, title);
		strbuf_addstr(d->out, "\n\n");
		add_subtitle(d, subtitle);
		return;
	}
	strbuf_addstr(d->out, "<section class=\"card\">\n<h4>");
	html_escape(d->out, title);
	strbuf_addstr(d->out, "</h4>\n");
	add_subtitle(d, subtitle);
}

void doc_card_end(struct doc *d)
{
	strbuf_addstr(d->out, d->format == DOC_HTML ? "</section>\n" : "\n");
}

void doc_cards_end(struct doc *d)
{
	if (d->format == DOC_HTML)
		strbuf_addstr(d->out, "</div>\n");
}

void doc_shares(struct doc *d, const char *const *labels, const double *percent, size_t n)
{
	if (d->format == DOC_MD)
		return; /* the table beside it says the same */
	strbuf_addstr(d->out, "<div class=\"shares\" role=\"img\" aria-label=\"content mix\">");
	for (size_t i = 0; i < n; i++) {
		if (percent[i] <= 0)
			continue;
		strbuf_addf(d->out, "<div style=\"width:%.1f%%\" title=\"", percent[i]);
		html_escape(d->out, labels[i]);
		strbuf_addstr(d->out, "\">");
		html_escape(d->out, labels[i]);
		strbuf_addf(d->out, " %.0f%%</div>", percent[i]);
	}
	strbuf_addstr(d->out, "</div>\n");
}

void doc_raw_html(struct doc *d, const char *html)
{
	if (d->format == DOC_HTML)
		strbuf_addstr(d->out, html);
}
