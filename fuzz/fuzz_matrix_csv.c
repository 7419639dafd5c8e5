/*
 * fuzz_matrix_csv.c: libFuzzer target for er_matrix_parse_csv(), the
 * reader of Ofgem's score matrix CSVs (src/io/matrix_csv.c).
 *
 * Each input is parsed once as every matrix kind (ECO4 FPS, ECO4 PPS,
 * GBIS), so one seed exercises three header maps.  A parse must return a
 * status, never crash; on failure *out must be NULL, and on success the
 * matrix is freed here, so LeakSanitizer catches anything the parser
 * keeps.  The seed corpus is fuzz/corpus/matrix_csv/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ecoreg/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const er_matrix_kind kinds[] = { ER_MATRIX_ECO4_FPS,
                                            ER_MATRIX_ECO4_PPS,
                                            ER_MATRIX_GBIS };
    size_t i;

    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        er_matrix *m = NULL;
        er_error err;
        er_status rc = er_matrix_parse_csv((const char *)data, size, kinds[i],
                                           "fuzz", ER_DATE_NONE, ER_DATE_NONE,
                                           &m, &err);

        /* The contract of io.h: a failure leaves *out NULL; success not. */
        if ((rc == ER_OK) != (m != NULL))
            abort();
        if (m && er_matrix_kind_of(m) != kinds[i])
            abort();
        er_matrix_free(m);
    }
    return 0;
}
