/*
 * skeleton — the commented, empty plan `koers plan init` writes: every field
 * of the schema with its help text as a comment, in the user's language, so
 * that filling it in walks through the method step by step.
 */
#ifndef KOERS_PLAN_SKELETON_H
#define KOERS_PLAN_SKELETON_H

#include "base/i18n.h"
#include "base/strbuf.h"

void plan_skeleton(struct strbuf *out, enum lang lang);

#endif
