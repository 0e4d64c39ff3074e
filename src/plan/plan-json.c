#include "plan/plan-json.h"

#include <math.h>

#include "plan/schema.h"

static json_t *object_to_json(const struct schema *s, const void *obj);

static json_t *field_to_json(const struct field *f, const void *p)
{
	switch (f->kind) {
	case FK_STR: case FK_TEXT: case FK_DATE: case FK_ENUM: {
		const char *v = *(char *const *)p;
		return v ? json_string(v) : NULL;
	}
	case FK_NUM: case FK_INT: {
		double x = *(const double *)p;
		if (isnan(x))
			return NULL;
		/* Whole numbers as integers, as a person would write them. */
		return x == floor(x) && fabs(x) < 9007199254740992.0 ? json_integer((json_int_t)x) : json_real(x);
	}
	case FK_STRLIST: case FK_ENUMLIST: {
		const struct strlist *l = p;
		if (!l->n)
			return NULL;
		json_t *a = json_array();
		for (size_t i = 0; i < l->n; i++)
			json_array_append_new(a, json_string(l->v[i]));
		return a;
	}
	case FK_NUMMAP: {
		const struct nummap *m = p;
		if (!m->n)
			return NULL;
		json_t *o = json_object();
		for (size_t i = 0; i < m->n; i++)
			json_object_set_new(o, m->keys[i], m->values[i] == floor(m->values[i])
							   ? json_integer((json_int_t)m->values[i]) : json_real(m->values[i]));
		return o;
	}
	case FK_OBJ: {
		json_t *o = object_to_json(f->sub, p);
		if (json_object_size(o) == 0) {
			json_decref(o);
			return NULL;
		}
		return o;
	}
	case FK_LIST: {
		const struct plan_list *l = p;
		if (!l->n)
			return NULL;
		json_t *a = json_array();
		for (size_t i = 0; i < l->n; i++)
			json_array_append_new(a, object_to_json(f->sub, (const char *)l->v + i * f->sub->size));
		return a;
	}
	}
	return NULL;
}

static json_t *object_to_json(const struct schema *s, const void *obj)
{
	json_t *o = json_object();
	for (const struct field *f = s->fields; f->key; f++) {
		json_t *v = field_to_json(f, (const char *)obj + f->offset);
		if (v)
			json_object_set_new(o, f->key, v);
	}
	return o;
}

json_t *plan_to_json(const struct plan *p)
{
	return object_to_json(&plan_schema, p);
}
