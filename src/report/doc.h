/*
 * doc — one writer for documents in HTML and Markdown.
 *
 * Renderers (the plan document, evaluation reports) describe a document as
 * headings, paragraphs, lists, tables and cards; doc turns that into a
 * self-contained HTML5 page (inline CSS with print styles) or Markdown. All
 * text passes through the escaping of the target format here and nowhere
 * else; only doc_raw_html() writes unescaped markup, for SVG charts made by
 * koers itself.
 *
 * The writer appends to a caller-owned strbuf.
 */
#ifndef KOERS_REPORT_DOC_H
#define KOERS_REPORT_DOC_H

#include <stddef.h>

#include "base/strbuf.h"

enum doc_format { DOC_HTML, DOC_MD };

struct doc {
	enum doc_format format;
	struct strbuf *out;
	size_t table_cols;
	const char *table_align;
};

/* "html" or "md" (also "markdown"): 0 and *out set, or -1. */
int doc_format_parse(const char *name, enum doc_format *out);

void doc_init(struct doc *d, enum doc_format format, struct strbuf *out);
/* Start the document; `lang` is a BCP 47 code ("nl"). */
void doc_begin(struct doc *d, const char *lang, const char *title, const char *subtitle);
void doc_end(struct doc *d);

/* Level 1–4; `id` is the anchor for the table of contents (may be NULL). */
void doc_heading(struct doc *d, int level, const char *id, const char *text);
/* Text with blank lines between paragraphs; NULL or "" writes nothing. */
void doc_text(struct doc *d, const char *text);
/* A muted remark, e.g. "not filled in". */
void doc_note(struct doc *d, const char *text);
/* "Label: value" on its own line; nothing when value is NULL or "". */
void doc_field(struct doc *d, const char *label, const char *value);
void doc_list(struct doc *d, const char *const *items, size_t n);
/* A list of links to headings: ids[i] with texts[i]. */
void doc_toc(struct doc *d, const char *const *ids, const char *const *texts, size_t n);

/* A table; `align` has one of 'l', 'r', 'c' per column (NULL: all left). */
void doc_table_begin(struct doc *d, size_t cols, const char *const *headers, const char *align);
/* One row; `classes` (may be NULL) names a CSS class per cell (HTML only). */
void doc_table_row(struct doc *d, const char *const *cells, const char *const *classes);
void doc_table_end(struct doc *d);

/* Cards in a grid (personas, crisis levels); in Markdown, sub-sections. */
void doc_cards_begin(struct doc *d);
void doc_card_begin(struct doc *d, const char *title, const char *subtitle);
void doc_card_end(struct doc *d);
void doc_cards_end(struct doc *d);

/* A horizontal bar of shares (the content mix): labels[i] with percent[i]. */
void doc_shares(struct doc *d, const char *const *labels, const double *percent, size_t n);

/* Markup made by koers (SVG charts): written as is in HTML, skipped in Markdown. */
void doc_raw_html(struct doc *d, const char *html);

/* Escape text for HTML element content and attribute values. */
void html_escape(struct strbuf *out, const char *s);

#endif
