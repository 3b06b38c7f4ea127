/* fuzz.h - what the fuzz targets share: the libFuzzer entry points and the
 * invariant checks each target asserts.
 *
 * A broken invariant calls fx_fuzz_fail, which prints what broke and
 * aborts: libFuzzer saves the input as a crash, and the replay main
 * (replay.c, built without libFuzzer) exits non-zero, so every saved
 * crash kept under fuzz/regressions/ is a test in `make test`.
 */
#ifndef FX_FUZZ_H
#define FX_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "document.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Called once before the first input (libFuzzer and replay alike). */
int LLVMFuzzerInitialize(int *argc, char ***argv);

void fx_fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* The offset map after fx_normalise: pieces tile doc->text in order, map to
 * increasing, disjoint ranges of the original, copied pieces hold the same
 * bytes, and the normalised text is valid UTF-8 without NUL. */
void fx_fuzz_check_map(const fx_doc *doc);

/* The facts of an extracted document: sorted, disjoint, inside the input. */
void fx_fuzz_check_facts(const fx_doc *doc);

/* An emitted JSON object for input src[0..len): it parses, and every fact
 * has text == src[start:end], code-point offsets that agree with the
 * bytes, and no overlap with the one before. */
void fx_fuzz_check_json(const char *json, const char *src, size_t len);

#endif
