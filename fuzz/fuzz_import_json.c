/* fuzz_import_json.c: the measure import of JSON files (see import.h). */
#define IMPORT_FORMAT IO_JSON
#define IMPORT_NAME "fuzz.json"
#include "import.h"
