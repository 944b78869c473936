/* fuzz_archive.c: the backup archive reader (src/base/archive.c) that
 * `samla restore` trusts nothing to, on arbitrary bytes: open the ZIP,
 * check the manifest against it, then read every entry and check it
 * against its size and SHA-256.  Checks beyond "no crash": a refusal is
 * E_INVALID with a message; an archive that opens lists only well-formed
 * relative paths; reading an entry either passes its checksum or is
 * refused with E_INVALID (never E_IO: nothing is written).
 */
#include "fuzz.h"

#include "base/archive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Archive a;
    Err e = {0};
    int rc = archive_open_mem(&a, data, size, &e);
    if (rc) {
        fuzz_check(rc == E_INVALID && e.msg[0]);
    } else {
        for (size_t i = 0; i < a.n; i++) {
            fuzz_check(archive_path_ok(a.entries[i].path));
            fuzz_check(archive_find(&a, a.entries[i].path) != NULL);
            Err xe = {0};
            int x = archive_extract(&a, i, -1, &xe);
            fuzz_check(x == 0 || (x == E_INVALID && xe.msg[0]));
        }
    }
    archive_close(&a);
    return 0;
}
