/* plan-json — a plan as a JSON value (for --json and scripts), by the schema. */
#ifndef KOERS_PLAN_JSON_H
#define KOERS_PLAN_JSON_H

#include <jansson.h>

#include "plan/plan.h"

/* A new JSON object the caller owns (json_decref). Unset fields are left out. */
json_t *plan_to_json(const struct plan *p);

#endif
