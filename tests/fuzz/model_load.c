/* Fuzz target: the sentiment model file loader (src/listen/model.c). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "listen/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smodel *m = NULL;
	struct err e = { 0 };
	if (smodel_load((const char *)data, size, "fuzz", &m, &e) == 0) {
		/* a loaded model must predict without reading out of bounds */
		struct sfeat f[2] = { { 0, 1.0f }, { m->dim - 1, 1.0f } };
		float p[SENT__COUNT];
		smodel_predict(m, f, 2, p);
		smodel_free(m);
	} else if (m || !e.msg[0] || strncmp(e.msg, "fuzz:", 5)) {
		__builtin_trap(); /* a failure must say where, and load nothing */
	}
	return 0;
}
