/* fuzz_jsonl.c - the JSON Lines reader on any bytes: every non-blank line
 * gives one record, either valid (text, id, date checked) or with an error,
 * line numbers increase, and a record emits as valid JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "fuzz.h"
#include "input.h"
#include "normalise.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;        /* fmemopen wants a non-empty buffer */
    FILE *in = fmemopen((void *)data, size, "rb");
    if (!in) return 0;
    fx_jsonl_record rec;
    size_t line = 0, last = 0, lines_in_input = 1;
    for (size_t i = 0; i < size; i++) lines_in_input += data[i] == '\n';
    while (fx_jsonl_next(in, &rec, &line)) {
        if (rec.line <= last || rec.line > lines_in_input) fx_fuzz_fail("record line %zu after %zu", rec.line, last);
        last = rec.line;
        if (!rec.id) fx_fuzz_fail("record without an id");
        if (!rec.error) {
            /* a text may hold NULs ("\u0000" is kept), so only its end is known */
            if (!rec.text || rec.text[rec.text_len] != '\0' || strlen(rec.text) > rec.text_len)
                fx_fuzz_fail("record text length");
            if (memchr(rec.text, '\0', rec.text_len) && !memmem(data, size, "u0000", 5))
                fx_fuzz_fail("record text holds a NUL its line did not escape");
            if (rec.dct[0] && strlen(rec.dct) != 10) fx_fuzz_fail("record dct '%s'", rec.dct);
            fx_doc *doc = fx_doc_new(rec.id, NULL, rec.text, rec.text_len);
            fx_normalise(doc);
            fx_fuzz_check_map(doc);
            char *json = fx_emit_json(doc, 1);
            fx_fuzz_check_json(json, doc->src, doc->src_len);
            free(json);
            fx_doc_free(doc);
        }
        fx_jsonl_record_free(&rec);
    }
    fclose(in);
    return 0;
}
