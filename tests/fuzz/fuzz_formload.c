/* Fuzzes the form definition loader: any bytes are loaded as a form file. A load either
 * gives a model or at least one error, never both kinds of nothing; every diagnostic has a
 * message; and nothing crashes, hangs or leaks. */
#include <stdlib.h>
#include <string.h>

#include "caseload/formdef.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct formdef_diags diags;
	formdef_diags_init(&diags);
	struct formdef *def = formdef_load_string("fuzz.yaml", (const char *)data, size, &diags);
	if (!def && formdef_diags_errors(&diags) == 0)
		abort(); /* a failed load must say why */
	if (def && (def->field_count == 0 || strlen(def->hash) != 64))
		abort();
	for (size_t i = 0; i < diags.count; i++)
		if (!diags.items[i].message[0])
			abort();
	if (def)
		formdef_check_versions(def, def, &diags); /* same version: reported, not crashed */
	formdef_free(&def);
	formdef_diags_clear(&diags);
	return 0;
}
