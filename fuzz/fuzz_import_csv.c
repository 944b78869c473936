/* fuzz_import_csv.c: the measure import of CSV files (see import.h). */
#define IMPORT_FORMAT IO_CSV
#define IMPORT_NAME "fuzz.csv"
#include "import.h"
