/*
 * plan-yaml — read a plan from YAML and write it back.
 *
 * plan_parse() reads the whole text and reports every problem it finds in
 * `d` as file:line:column with the reason (syntax errors, unknown keys,
 * wrong types, values out of range, bad dates); the good parts are kept in
 * `out` beside them. It returns 0 when there was no problem, ERR_DATA
 * otherwise. The caller owns `out` either way (plan_free).
 *
 * plan_emit_yaml() writes the canonical form: fields in schema order, unset
 * fields left out. Reading that form back gives an equal plan.
 */
#ifndef KOERS_PLAN_YAML_H
#define KOERS_PLAN_YAML_H

#include <stddef.h>

#include "base/err.h"
#include "base/strbuf.h"
#include "plan/plan.h"

/* Plans larger than this are refused before parsing. */
#define PLAN_MAX_BYTES (8u << 20)

int plan_parse(const char *text, size_t len, const char *file, struct plan *out, struct diags *d);
int plan_emit_yaml(const struct plan *p, struct strbuf *out, struct err *e);

#endif
