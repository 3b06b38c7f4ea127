/* embed.c - a program embedding libfactx: one article in, its facts out.
 *
 *   cc embed.c $(pkg-config --cflags --libs factx) -o embed
 *   ./embed "$(pkg-config --variable=rulesdir factx)" article.txt [YYYY-MM-DD]
 *
 * Prints the library version, then the document's JSON (schema in
 * docs/factx.schema.json) on one line, then each fact walked one by one,
 * then the warnings. Only the public header is used; every object made is
 * freed by its matching _free, every returned char * by free(). */
#include <stdio.h>
#include <stdlib.h>

#include <factx.h>

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s RULES_DIR FILE [DOCUMENT_DATE]\n", argv[0]);
        return 2;
    }
    fx_diag diag;                               /* ours, on the stack */
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_context_load(argv[1], &diag);   /* rules: once per program */
    if (!ctx) return 3;                         /* errors already reported, with positions */

    char *bytes;
    size_t len;
    if (fx_input_read(argv[2], &bytes, &len, &diag) < 0) {
        fx_context_free(ctx);
        return 1;
    }
    fx_scratch *scratch = fx_scratch_new(ctx);  /* one per thread */
    fx_doc *doc = fx_doc_new("example", argv[2], bytes, len);   /* copies bytes */
    free(bytes);
    if (argc == 4 && fx_doc_set_dct(doc, argv[3], FX_DCT_OPTION) < 0) {
        fprintf(stderr, "%s: not a date: %s\n", argv[0], argv[3]);
        fx_doc_free(doc);
        fx_scratch_free(scratch);
        fx_context_free(ctx);
        return 2;
    }
    fx_extract(ctx, scratch, doc, NULL);

    printf("libfactx %s: %zu facts\n", fx_version(), fx_doc_fact_count(doc));
    char *json = fx_emit_json(doc, 1);          /* ours to free */
    puts(json);
    free(json);
    for (size_t i = 0; i < fx_doc_fact_count(doc); i++) {
        fx_fact_info fact;                      /* its strings are owned by doc */
        fx_doc_fact(doc, i, &fact);
        char *value = fx_doc_fact_value(doc, i);    /* ours to free */
        printf("%s %zu-%zu \"%.*s\" %s (%s)\n", fact.type, fact.start, fact.end, (int)(fact.end - fact.start),
               fact.text, value, fact.rule);
        free(value);
    }
    for (size_t i = 0; i < fx_doc_warning_count(doc); i++) {
        size_t line, column;
        const char *message = fx_doc_warning(doc, i, &line, &column);   /* owned by doc */
        printf("warning %zu:%zu: %s\n", line, column, message);
    }

    fx_doc_free(doc);
    fx_scratch_free(scratch);
    fx_context_free(ctx);
    return 0;
}
