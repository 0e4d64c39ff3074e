/*
 * render — the plan document: every section of the plan, for management
 * and the team, as one self-contained HTML5 page or as Markdown, in Dutch
 * or English. Deterministic: the same plan gives the same bytes.
 */
#ifndef KOERS_PLAN_RENDER_H
#define KOERS_PLAN_RENDER_H

#include "base/i18n.h"
#include "base/strbuf.h"
#include "plan/plan.h"
#include "report/doc.h"

void plan_render(const struct plan *p, enum doc_format format, enum lang lang, struct strbuf *out);

#endif
