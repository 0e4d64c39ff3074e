#include "plan/diff.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "plan/schema.h"

static void add(struct plan_diff *d, enum plan_change_kind kind, const char *path, char *before, char *after)
{
	ALLOC_GROW(d->v, d->n + 1, d->alloc);
	d->v[d->n++] = (struct plan_change){ kind, xstrdup(path), before, after };
}

/* A field's value as short text, or NULL when unset. */
static char *value_text(const struct field *f, const void *obj)
{
	const void *p = (const char *)obj + f->offset;
	if (!schema_field_is_set(f, obj))
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	switch (f->kind) {
	case FK_STR: case FK_TEXT: case FK_DATE: case FK_ENUM:
		/* One line: a change list is read line by line. */
		for (const char *c = *(char *const *)p; *c; c++)
			strbuf_addch(&sb, *c == '\n' ? ' ' : *c);
		while (sb.len && sb.buf[sb.len - 1] == ' ')
			strbuf_setlen(&sb, sb.len - 1);
		break;
	case FK_NUM: case FK_INT:
		strbuf_addf(&sb, "%.15g", *(const double *)p);
		break;
	case FK_STRLIST: case FK_ENUMLIST: {
		const struct strlist *l = p;
		strbuf_addch(&sb, '[');
		for (size_t i = 0; i < l->n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", l->v[i]);
		strbuf_addch(&sb, ']');
		break;
	}
	case FK_NUMMAP: {
		const struct nummap *m = p;
		strbuf_addch(&sb, '{');
		for (size_t i = 0; i < m->n; i++)
			strbuf_addf(&sb, "%s%s: %.15g", i ? ", " : "", m->keys[i], m->values[i]);
		strbuf_addch(&sb, '}');
		break;
	}
	case FK_OBJ: case FK_LIST:
		strbuf_addstr(&sb, "…");
		break;
	}
	return strbuf_detach(&sb, NULL);
}

static void diff_object(struct plan_diff *d, const struct schema *s, const void *a, const void *b, struct strbuf *path);

/* The id of list item i, or NULL when the items have no ids. */
static const char *item_id(const struct field *f, const void *list_v, size_t i)
{
	const struct field *idf = schema_field(f->sub, "id");
	if (!idf)
		return NULL;
	return *(char *const *)((const char *)list_v + i * f->sub->size + idf->offset);
}

static void diff_list(struct plan_diff *d, const struct field *f, const struct plan_list *a,
		      const struct plan_list *b, struct strbuf *path)
{
	size_t base = path->len, size = f->sub->size;
	bool by_id = schema_field(f->sub, "id") != NULL;
	/* Items of `a`: matched in `b` by id (or position), else removed. */
	for (size_t i = 0; i < a->n; i++) {
		const char *id = by_id ? item_id(f, a->v, i) : NULL;
		size_t j = SIZE_MAX;
		if (by_id && id) {
			for (size_t k = 0; k < b->n; k++) {
				const char *other = item_id(f, b->v, k);
				if (other && !strcmp(other, id)) {
					j = k;
					break;
				}
			}
			strbuf_addf(path, "[%s]", id);
		} else {
			j = i < b->n ? i : SIZE_MAX;
			strbuf_addf(path, "[%zu]", i + 1);
		}
		if (j == SIZE_MAX)
			add(d, PLAN_REMOVED, path->buf, xstrdup("…"), NULL);
		else
			diff_object(d, f->sub, (const char *)a->v + i * size, (const char *)b->v + j * size, path);
		strbuf_setlen(path, base);
	}
	/* Items only in `b`: added. */
	for (size_t j = 0; j < b->n; j++) {
		const char *id = by_id ? item_id(f, b->v, j) : NULL;
		bool found = false;
		if (by_id && id) {
			for (size_t i = 0; i < a->n && !found; i++) {
				const char *other = item_id(f, a->v, i);
				found = other && !strcmp(other, id);
			}
			if (!found)
				strbuf_addf(path, "[%s]", id);
		} else {
			found = j < a->n;
			if (!found)
				strbuf_addf(path, "[%zu]", j + 1);
		}
		if (!found)
			add(d, PLAN_ADDED, path->buf, NULL, xstrdup("…"));
		strbuf_setlen(path, base);
	}
}

static void diff_object(struct plan_diff *d, const struct schema *s, const void *a, const void *b, struct strbuf *path)
{
	size_t base = path->len;
	for (const struct field *f = s->fields; f->key; f++) {
		strbuf_addf(path, "%s%s", base ? "." : "", f->key);
		const void *pa = (const char *)a + f->offset, *pb = (const char *)b + f->offset;
		if (f->kind == FK_OBJ) {
			diff_object(d, f->sub, pa, pb, path);
		} else if (f->kind == FK_LIST) {
			diff_list(d, f, pa, pb, path);
		} else {
			char *va = value_text(f, a), *vb = value_text(f, b);
			if (va && vb && strcmp(va, vb))
				add(d, PLAN_CHANGED, path->buf, va, vb);
			else if (va && !vb)
				add(d, PLAN_REMOVED, path->buf, va, NULL);
			else if (!va && vb)
				add(d, PLAN_ADDED, path->buf, NULL, vb);
			else
				free(va), free(vb);
		}
		strbuf_setlen(path, base);
	}
}

void plan_diff(const struct plan *before, const struct plan *after, struct plan_diff *out)
{
	memset(out, 0, sizeof(*out));
	struct strbuf path;
	strbuf_init(&path, STRBUF_NOCAP);
	diff_object(out, &plan_schema, before, after, &path);
	strbuf_release(&path);
}

void plan_diff_release(struct plan_diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].before);
		free(d->v[i].after);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
