/*
 * schema — the plan's fields as data. One table per struct of plan.h says
 * each field's YAML key, kind, place in the struct and help text; the YAML
 * reader and writer, the JSON writer, `plan init` and plan_init/free/equal
 * all walk these tables instead of knowing the fields one by one.
 */
#ifndef KOERS_PLAN_SCHEMA_H
#define KOERS_PLAN_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

enum field_kind {
	FK_STR,      /* char *: one line */
	FK_TEXT,     /* char *: may span lines */
	FK_DATE,     /* char *: YYYY-MM-DD */
	FK_ENUM,     /* char *: one of field.values */
	FK_NUM,      /* double: NAN when unset */
	FK_INT,      /* double holding a whole number */
	FK_STRLIST,  /* struct strlist */
	FK_ENUMLIST, /* struct strlist of field.values */
	FK_NUMMAP,   /* struct nummap */
	FK_OBJ,      /* a nested struct described by field.sub */
	FK_LIST,     /* struct plan_list of field.sub */
};

struct schema;

struct field {
	const char *key;
	enum field_kind kind;
	size_t offset;
	const struct schema *sub;  /* FK_OBJ, FK_LIST */
	const char *const *values; /* FK_ENUM, FK_ENUMLIST */
	double min, max;           /* FK_NUM, FK_INT: allowed range (min > max: any) */
	const char *help;          /* N_(): shown by `plan init` and in docs */
};

struct schema {
	const char *name;
	size_t size;
	size_t loc_offset; /* offset of struct plan_loc, or NO_LOC */
	const struct field *fields; /* ends with key == NULL */
};

#define NO_LOC ((size_t)-1)

extern const struct schema plan_schema;

/* The method's step a top-level key belongs to (1–13), for `plan init` headers. */
int schema_step_of(const char *top_level_key);

/* The field with this key, or NULL. */
const struct field *schema_field(const struct schema *s, const char *key);

/* Generic helpers over one struct described by `s`. */
void schema_init(const struct schema *s, void *obj);
/* Does the field (of the struct at obj) / any field of the struct have a value? */
bool schema_field_is_set(const struct field *f, const void *obj);
bool schema_is_set(const struct schema *s, const void *obj);
void schema_free(const struct schema *s, void *obj);
int schema_equal(const struct schema *s, const void *a, const void *b);

#endif
