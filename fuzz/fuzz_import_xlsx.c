/* fuzz_import_xlsx.c: the measure import of XLSX files (see import.h). */
#define IMPORT_FORMAT IO_XLSX
#define IMPORT_NAME "fuzz.xlsx"
#include "import.h"
