#include "plan/plan-yaml.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/xalloc.h"
#include "plan/schema.h"

/* Aliases can make a small file expand into a huge tree; stop long before that. */
#define MAX_NODES 200000

struct reader {
	yaml_document_t *doc;
	const char *file;
	struct diags *d;
	size_t visited;
};

#define where(n) (unsigned)(n)->start_mark.line + 1, (unsigned)(n)->start_mark.column + 1

static void yaml_problem(struct reader *r, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Report a problem at a node: file:line:column of where it starts. */
static void yaml_problem(struct reader *r, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diags_vadd(r->d, r->file, where(n), fmt, ap);
	va_end(ap);
}

static const char *kind_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE: return N_("a value");
	case YAML_SEQUENCE_NODE: return N_("a list");
	case YAML_MAPPING_NODE: return N_("a mapping of keys");
	default: return N_("nothing");
	}
}

static const char *expected_name(enum field_kind k)
{
	static const char *const names[] = {
		[FK_STR] = N_("text"), [FK_TEXT] = N_("text"), [FK_DATE] = N_("a date (YYYY-MM-DD)"),
		[FK_ENUM] = N_("one of the allowed values"), [FK_NUM] = N_("a number"),
		[FK_INT] = N_("a whole number"), [FK_STRLIST] = N_("a list of texts"),
		[FK_ENUMLIST] = N_("a list of allowed values"), [FK_NUMMAP] = N_("a mapping of names to numbers"),
		[FK_OBJ] = N_("a mapping of keys"), [FK_LIST] = N_("a list of items"),
	};
	return names[k];
}

static bool visit(struct reader *r, const yaml_node_t *n)
{
	if (++r->visited == MAX_NODES + 1)
		yaml_problem(r, n, "the document is too large or expands too far through aliases");
	return r->visited <= MAX_NODES;
}

static bool is_null(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE)
		return false;
	const char *v = (const char *)n->data.scalar.value;
	if (n->data.scalar.length == 0)
		return true;
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

/* The scalar's text, or NULL after reporting why it is not usable. */
static const char *scalar_text(struct reader *r, const yaml_node_t *n, const char *key)
{
	if (n->type != YAML_SCALAR_NODE) {
		yaml_problem(r, n, "'%s' must be %s, not %s", key, tr(r->d->lang, N_("text")),
			  tr(r->d->lang, kind_name(n)));
		return NULL;
	}
	if (memchr(n->data.scalar.value, '\0', n->data.scalar.length)) {
		yaml_problem(r, n, "'%s' contains a NUL character", key);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

bool plan_date_valid(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

static bool in_values(const char *const *values, const char *v)
{
	for (; *values; values++)
		if (!strcmp(*values, v))
			return true;
	return false;
}

static void report_bad_enum(struct reader *r, const yaml_node_t *n, const char *key, const char *v,
			    const char *const *values)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	for (const char *const *p = values; *p; p++)
		strbuf_addf(&sb, "%s%s", p == values ? "" : ", ", *p);
	yaml_problem(r, n, "'%s' is not a valid %s (expected one of: %s)", v, key, sb.buf);
	strbuf_release(&sb);
}

static int parse_number(struct reader *r, const yaml_node_t *n, const struct field *f, double *out)
{
	const char *v = scalar_text(r, n, f->key);
	if (!v)
		return -1;
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end || !isfinite(x)) {
		yaml_problem(r, n, "'%s' must be %s, not '%s'", f->key,
			  tr(r->d->lang, expected_name(f->kind)), v);
		return -1;
	}
	if (f->kind == FK_INT && x != floor(x)) {
		yaml_problem(r, n, "'%s' must be a whole number, not '%s'", f->key, v);
		return -1;
	}
	if (f->min <= f->max && (x < f->min || x > f->max)) {
		yaml_problem(r, n, "'%s' must be between %g and %g, not %s", f->key, f->min, f->max, v);
		return -1;
	}
	*out = x;
	return 0;
}

static void parse_strlist(struct reader *r, const yaml_node_t *n, const struct field *f, struct strlist *out)
{
	if (n->type == YAML_MAPPING_NODE) {
		yaml_problem(r, n, "'%s' must be %s, not %s", f->key,
			  tr(r->d->lang, expected_name(f->kind)), tr(r->d->lang, kind_name(n)));
		return;
	}
	/* A single value where a list is expected is taken as a list of one. */
	size_t count = n->type == YAML_SEQUENCE_NODE
		? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start) : 1;
	out->v = xcalloc(count, sizeof(char *));
	out->n = 0;
	for (size_t i = 0; i < count; i++) {
		const yaml_node_t *item = n->type == YAML_SEQUENCE_NODE
			? yaml_document_get_node(r->doc, n->data.sequence.items.start[i]) : n;
		if (!item || !visit(r, item) || is_null(item))
			continue;
		const char *v = scalar_text(r, item, f->key);
		if (!v)
			continue;
		if (f->kind == FK_ENUMLIST && !in_values(f->values, v)) {
			report_bad_enum(r, item, f->key, v, f->values);
			continue;
		}
		out->v[out->n++] = xstrdup(v);
	}
}

static void parse_object(struct reader *r, const yaml_node_t *n, const struct schema *s, void *obj);

static void parse_nummap(struct reader *r, const yaml_node_t *n, const struct field *f, struct nummap *m)
{
	if (n->type != YAML_MAPPING_NODE) {
		yaml_problem(r, n, "'%s' must be %s, not %s", f->key,
			  tr(r->d->lang, expected_name(f->kind)), tr(r->d->lang, kind_name(n)));
		return;
	}
	size_t count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	m->keys = xcalloc(count, sizeof(char *));
	m->values = xcalloc(count, sizeof(double));
	for (size_t i = 0; i < count; i++) {
		const yaml_node_pair_t *pair = &n->data.mapping.pairs.start[i];
		const yaml_node_t *k = yaml_document_get_node(r->doc, pair->key);
		const yaml_node_t *v = yaml_document_get_node(r->doc, pair->value);
		if (!k || !v || !visit(r, k) || !visit(r, v))
			continue;
		const char *name = scalar_text(r, k, f->key);
		double x;
		struct field num = *f;
		num.kind = FK_NUM;
		num.min = 0;
		num.max = 1e9;
		if (!name || parse_number(r, v, &num, &x) < 0)
			continue;
		bool dup = false;
		for (size_t j = 0; j < m->n; j++)
			dup |= !strcmp(m->keys[j], name);
		if (dup) {
			yaml_problem(r, k, "'%s' appears twice in '%s'", name, f->key);
			continue;
		}
		m->keys[m->n] = xstrdup(name);
		m->values[m->n++] = x;
	}
}

static void parse_list(struct reader *r, const yaml_node_t *n, const struct field *f, struct plan_list *l)
{
	if (n->type != YAML_SEQUENCE_NODE) {
		yaml_problem(r, n, "'%s' must be %s, not %s", f->key,
			  tr(r->d->lang, expected_name(f->kind)), tr(r->d->lang, kind_name(n)));
		return;
	}
	const struct schema *s = f->sub;
	const yaml_node_item_t *items = n->data.sequence.items.start;
	size_t count = (size_t)(n->data.sequence.items.top - items);
	l->v = xcalloc(count, s->size);
	l->n = 0;
	for (size_t i = 0; i < count; i++) {
		const yaml_node_t *item = yaml_document_get_node(r->doc, items[i]);
		if (!item || !visit(r, item))
			continue;
		if (item->type != YAML_MAPPING_NODE) {
			yaml_problem(r, item, "each item of '%s' must be %s, not %s", f->key,
				  tr(r->d->lang, N_("a mapping of keys")), tr(r->d->lang, kind_name(item)));
			continue;
		}
		void *obj = (char *)l->v + l->n * s->size;
		schema_init(s, obj);
		if (s->loc_offset != NO_LOC)
			*(struct plan_loc *)((char *)obj + s->loc_offset) = (struct plan_loc){ where(item) };
		parse_object(r, item, s, obj);
		/* An item with every field empty (as `plan init` writes them) is no item. */
		if (schema_is_set(s, obj))
			l->n++;
		else
			schema_free(s, obj);
	}
}

static void parse_field(struct reader *r, const yaml_node_t *n, const struct field *f, void *obj)
{
	void *p = (char *)obj + f->offset;
	if (is_null(n))
		return;
	switch (f->kind) {
	case FK_STR: case FK_TEXT: case FK_DATE: case FK_ENUM: {
		const char *v = scalar_text(r, n, f->key);
		if (!v)
			return;
		if (f->kind == FK_DATE && !plan_date_valid(v)) {
			yaml_problem(r, n, "'%s' must be a date as YYYY-MM-DD, not '%s'", f->key, v);
			return;
		}
		if (f->kind == FK_ENUM && !in_values(f->values, v)) {
			report_bad_enum(r, n, f->key, v, f->values);
			return;
		}
		*(char **)p = xstrdup(v);
		return;
	}
	case FK_NUM: case FK_INT:
		parse_number(r, n, f, p);
		return;
	case FK_STRLIST: case FK_ENUMLIST:
		parse_strlist(r, n, f, p);
		return;
	case FK_NUMMAP:
		parse_nummap(r, n, f, p);
		return;
	case FK_OBJ:
		if (n->type != YAML_MAPPING_NODE)
			yaml_problem(r, n, "'%s' must be %s, not %s", f->key,
				  tr(r->d->lang, expected_name(f->kind)), tr(r->d->lang, kind_name(n)));
		else
			parse_object(r, n, f->sub, p);
		return;
	case FK_LIST:
		parse_list(r, n, f, p);
		return;
	}
}

/* Edit distance, to suggest the key that was meant. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t prev[41], cur[41];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof(prev));
	}
	return prev[lb];
}

static void parse_object(struct reader *r, const yaml_node_t *n, const struct schema *s, void *obj)
{
	uint64_t seen = 0;
	for (yaml_node_pair_t *pair = n->data.mapping.pairs.start; pair < n->data.mapping.pairs.top; pair++) {
		const yaml_node_t *k = yaml_document_get_node(r->doc, pair->key);
		const yaml_node_t *v = yaml_document_get_node(r->doc, pair->value);
		if (!k || !v || !visit(r, k) || !visit(r, v))
			continue;
		if (k->type != YAML_SCALAR_NODE) {
			yaml_problem(r, k, "a key in %s must be a plain name", tr(r->d->lang, s->name));
			continue;
		}
		const char *key = (const char *)k->data.scalar.value;
		const struct field *f = NULL, *best = NULL;
		size_t i = 0, best_dist = 3;
		for (const struct field *c = s->fields; c->key; c++, i++) {
			if (!strcmp(c->key, key)) {
				f = c;
				break;
			}
			size_t dist = distance(key, c->key);
			if (dist < best_dist) {
				best_dist = dist;
				best = c;
			}
		}
		if (!f) {
			if (best)
				yaml_problem(r, k, "unknown key '%s' in %s; did you mean '%s'?", key,
					  tr(r->d->lang, s->name), best->key);
			else
				yaml_problem(r, k, "unknown key '%s' in %s", key, tr(r->d->lang, s->name));
			continue;
		}
		if (seen & (UINT64_C(1) << i)) {
			yaml_problem(r, k, "'%s' appears twice in %s", key, tr(r->d->lang, s->name));
			continue;
		}
		seen |= UINT64_C(1) << i;
		parse_field(r, v, f, obj);
	}
}

int plan_parse(const char *text, size_t len, const char *file, struct plan *out, struct diags *d)
{
	plan_init(out);
	size_t before = d->n + d->dropped;
	if (len > PLAN_MAX_BYTES) {
		diags_add(d, file, 0, 0, "the plan is larger than %u bytes", PLAN_MAX_BYTES);
		return ERR_DATA;
	}
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		const yaml_mark_t *m = parser.problem ? &parser.problem_mark : &parser.context_mark;
		if (parser.context)
			diags_add(d, file, (unsigned)m->line + 1, (unsigned)m->column + 1, "YAML syntax: %s %s",
				  parser.problem ? parser.problem : "error", parser.context);
		else
			diags_add(d, file, (unsigned)m->line + 1, (unsigned)m->column + 1, "YAML syntax: %s",
				  parser.problem ? parser.problem : "error");
		yaml_parser_delete(&parser);
		return ERR_DATA;
	}
	const yaml_node_t *root = yaml_document_get_root_node(&doc);
	struct reader r = { .doc = &doc, .file = file, .d = d };
	if (!root)
		diags_add(d, file, 1, 1, "the plan is empty");
	else if (root->type != YAML_MAPPING_NODE)
		yaml_problem(&r, root, "a plan must be a mapping of keys (organisation:, goals:, ...), not %s",
			tr(d->lang, kind_name(root)));
	else
		parse_object(&r, root, &plan_schema, out);
	yaml_document_delete(&doc);

	/* One plan per file: a second document is a mistake, not something to ignore. */
	if (root && yaml_parser_load(&parser, &doc)) {
		const yaml_node_t *next = yaml_document_get_root_node(&doc);
		if (next)
			yaml_problem(&r, next, "a plan file holds one YAML document; found a second one");
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	return d->n + d->dropped > before ? ERR_DATA : 0;
}

/* ---- writing ---- */

struct writer {
	yaml_emitter_t em;
	yaml_event_t ev;
	bool failed;
};

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	return strbuf_add(data, buffer, size) == 0;
}

static void emit(struct writer *w)
{
	if (!w->failed && !yaml_emitter_emit(&w->em, &w->ev))
		w->failed = true;
}

/* Would a YAML 1.1 or 1.2 reader take this plain text for something else than a string? */
static bool looks_special(const char *s)
{
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", NULL,
	};
	if (!*s)
		return true;
	for (const char *const *w = words; *w; w++)
		if (!strcasecmp(s, *w))
			return true;
	char *end;
	strtod(s, &end);
	if (!*end)
		return true;
	return plan_date_valid(s) || (s[0] >= '0' && s[0] <= '9' && strchr(s, ':'));
}

static void emit_scalar(struct writer *w, const char *s, yaml_scalar_style_t style)
{
	yaml_scalar_event_initialize(&w->ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1, style);
	emit(w);
}

static void emit_string(struct writer *w, const char *s, enum field_kind kind)
{
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	if (kind == FK_TEXT && strchr(s, '\n'))
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (kind != FK_DATE && looks_special(s))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	emit_scalar(w, s, style);
}

/* The shortest text that reads back as exactly x. */
static void format_number(double x, char *buf, size_t size)
{
	if (x == floor(x) && fabs(x) < 1e15) {
		snprintf(buf, size, "%.0f", x);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return;
	}
}

static void emit_number(struct writer *w, double x)
{
	char buf[64];
	format_number(x, buf, sizeof(buf));
	emit_scalar(w, buf, YAML_PLAIN_SCALAR_STYLE);
}

static void begin_map(struct writer *w)
{
	yaml_mapping_start_event_initialize(&w->ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	emit(w);
}

static void end_map(struct writer *w)
{
	yaml_mapping_end_event_initialize(&w->ev);
	emit(w);
}

static void begin_seq(struct writer *w, bool flow)
{
	yaml_sequence_start_event_initialize(&w->ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	emit(w);
}

static void end_seq(struct writer *w)
{
	yaml_sequence_end_event_initialize(&w->ev);
	emit(w);
}

static void emit_object(struct writer *w, const struct schema *s, const void *obj)
{
	begin_map(w);
	for (const struct field *f = s->fields; f->key; f++) {
		const void *p = (const char *)obj + f->offset;
		if (!schema_field_is_set(f, obj))
			continue;
		emit_scalar(w, f->key, YAML_PLAIN_SCALAR_STYLE);
		switch (f->kind) {
		case FK_STR: case FK_TEXT: case FK_DATE: case FK_ENUM:
			emit_string(w, *(char *const *)p, f->kind);
			break;
		case FK_NUM: case FK_INT:
			emit_number(w, *(const double *)p);
			break;
		case FK_STRLIST: case FK_ENUMLIST: {
			const struct strlist *l = p;
			begin_seq(w, f->kind == FK_ENUMLIST);
			for (size_t i = 0; i < l->n; i++)
				emit_string(w, l->v[i], FK_STR);
			end_seq(w);
			break;
		}
		case FK_NUMMAP: {
			const struct nummap *m = p;
			begin_map(w);
			for (size_t i = 0; i < m->n; i++) {
				emit_string(w, m->keys[i], FK_STR);
				emit_number(w, m->values[i]);
			}
			end_map(w);
			break;
		}
		case FK_OBJ:
			emit_object(w, f->sub, p);
			break;
		case FK_LIST: {
			const struct plan_list *l = p;
			begin_seq(w, false);
			for (size_t i = 0; i < l->n; i++)
				emit_object(w, f->sub, (const char *)l->v + i * f->sub->size);
			end_seq(w);
			break;
		}
		}
	}
	end_map(w);
}

int plan_emit_yaml(const struct plan *p, struct strbuf *out, struct err *e)
{
	struct writer w = { .failed = false };
	yaml_emitter_initialize(&w.em);
	yaml_emitter_set_output(&w.em, write_handler, out);
	yaml_emitter_set_unicode(&w.em, 1);
	yaml_emitter_set_width(&w.em, 100);
	yaml_emitter_set_indent(&w.em, 2);
	yaml_stream_start_event_initialize(&w.ev, YAML_UTF8_ENCODING);
	emit(&w);
	yaml_document_start_event_initialize(&w.ev, NULL, NULL, NULL, 1);
	emit(&w);
	emit_object(&w, &plan_schema, p);
	yaml_document_end_event_initialize(&w.ev, 1);
	emit(&w);
	yaml_stream_end_event_initialize(&w.ev);
	emit(&w);
	bool failed = w.failed;
	const char *problem = w.em.problem;
	yaml_emitter_delete(&w.em);
	if (failed)
		return err_set(e, ERR_IO, "cannot write the plan as YAML: %s", problem ? problem : "out of space");
	return 0;
}
