/*
 * evaluation — the evaluation report for a period: goals with status and
 * forecast, KPI trends, content performance by channel, pillar and persona,
 * top and bottom posts, the best-time heatmap, budget against actual and
 * ROI, and recommendations from a table of rules.
 *
 * The report is built once as a model (sections of typed tables, each with
 * an optional SVG chart) and then written as HTML or Markdown (through doc),
 * as CSV (long form: table,row,column,value, numbers unformatted; text that
 * starts like a formula gets a leading ' so spreadsheets keep it text) or as XLSX
 * (one sheet per table, typed numbers and dates, libxlsxwriter). CSV and
 * XLSX hold the same numbers.
 *
 * The report owns everything in it (report_release).
 */
#ifndef KOERS_REPORT_EVALUATION_H
#define KOERS_REPORT_EVALUATION_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/i18n.h"
#include "base/isotime.h"
#include "base/strbuf.h"
#include "report/doc.h"

struct db;
struct plan;
struct tz;

enum rcell { RC_TEXT, RC_COUNT, RC_NUMBER, RC_PERCENT, RC_MONEY, RC_DATE };

struct rtable {
	char *id;      /* sheet name and CSV table name: short, ASCII */
	char *section; /* heading it belongs under (translated) */
	char *title;   /* translated */
	size_t ncols, nrows, arows;
	char **headers;
	enum rcell *types; /* nrows * ncols */
	char **text;       /* nrows * ncols: text cells, dates as YYYY-MM-DD */
	double *num;       /* nrows * ncols: numeric cells (NAN: no data) */
	char *chart;       /* SVG or NULL */
	char *note;        /* shown under the table, or NULL */
	size_t doc_cols;   /* columns shown in HTML and Markdown (0: all); a long text
	                    * column after them is shown as a list under the table */
};

struct report {
	enum lang lang;
	char *title, *subtitle, *currency;
	struct rtable *tables;
	size_t ntables, atables;
	char **recs; /* recommendations, one sentence each */
	size_t nrecs, arecs;
};

int report_build(struct db *db, int64_t ws, const struct plan *plan, const struct tz *zone,
		 const struct iso_range *period, enum lang lang, struct report *out, struct err *e);
void report_write_doc(const struct report *r, enum doc_format format, struct strbuf *out);
void report_write_csv(const struct report *r, struct strbuf *out);
int report_write_xlsx(const struct report *r, const char *path, struct err *e);
void report_release(struct report *r);

#endif
