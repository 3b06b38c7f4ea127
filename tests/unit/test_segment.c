/* test_segment.c - sentence boundaries. */
#include <string.h>

#include "harness.h"
#include "normalise.h"
#include "rules.h"
#include "segment.h"

static size_t count_sentences(const fx_context *ctx, const char *text)
{
    fx_doc *doc = fx_doc_new("t", NULL, text, strlen(text));
    fx_normalise(doc);
    fx_segment(ctx, doc);
    size_t n = doc->sentence_count;
    fx_doc_free(doc);
    return n;
}

void test_segment(void)
{
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_context_load("rules", &diag);   /* as a run's: ctx->abbreviations found */
    CHECK(ctx != NULL);
    if (!ctx) return;
    CHECK(count_sentences(ctx, "One. Two. Three.") == 3);
    CHECK(count_sentences(ctx, "Mr. Huang met Dr. Wang. They spoke.") == 2);
    CHECK(count_sentences(ctx, "It cost 1.3 trillion yuan. Then more.") == 2);
    CHECK(count_sentences(ctx, "Grundfos Inc. said so. Yes.") == 2);
    CHECK(count_sentences(ctx, "The U.S. Embassy said so.") == 1);
    CHECK(count_sentences(ctx, "Xi J. Ping came. Later.") == 2);
    CHECK(count_sentences(ctx, "And so on... the end.") == 1);
    CHECK(count_sentences(ctx, "A heading\nA line") == 2);
    CHECK(count_sentences(ctx, "\"Quoted.\" He said.") == 2);
    CHECK(count_sentences(ctx, "") == 0);
    /* an abbreviation's word begins after a space, a bracket, a quote or
     * the line's start (word_edge), not after other punctuation */
    CHECK(count_sentences(ctx, "They met (Dr. Wang too). Later.") == 2);
    CHECK(count_sentences(ctx, "He said \"Mr. Huang\" came. Later.") == 2);
    CHECK(count_sentences(ctx, "Intro\nMr. Huang came. Later.") == 3);
    CHECK(count_sentences(ctx, "A/Mr. Huang came. Later.") == 3);
    /* a stop at every place of the thirty-two and sixteen bytes read at a
     * time (next_stop), and in the bytes after them */
    int placed = 1;
    for (size_t p = 1; p < 80; p++) {
        char text[128];
        memset(text, 'a', p);
        memcpy(text + p, "? Then\nmore", sizeof "? Then\nmore");
        fx_doc *doc = fx_doc_new("t", NULL, text, strlen(text));
        fx_normalise(doc);
        fx_segment(ctx, doc);
        placed &= doc->sentence_count == 3 && doc->sentences[0].end == p + 1 && doc->sentences[1].start == p + 2 &&
                  doc->sentences[2].start == p + 7;
        fx_doc_free(doc);
    }
    CHECK(placed);
    /* every byte value at every place of the bytes read at a time, in a
     * text not normalised (so none is replaced): a stop splits, any other
     * byte does not, and the copy for AVX2 (fx_segment, where the CPU
     * has it) splits as the portable one */
    int stops_right = 1, same = 1;
    for (int b = 1; b < 256; b++)
        for (size_t p = 1; p < 48; p++) {
            char text[128];
            memset(text, 'a', p);
            text[p] = (char)b;
            memcpy(text + p + 1, " Then\nmore", sizeof " Then\nmore");
            size_t len = p + sizeof " Then\nmore";
            fx_doc *doc = fx_doc_new("t", NULL, text, len), *other = fx_doc_new("t", NULL, text, len);
            doc->text = other->text = text;     /* the arena's own is not read */
            doc->text_len = other->text_len = len;
            fx_segment(ctx, doc);
            fx_segment_portable(ctx, other);
            stops_right &= doc->sentence_count == (strchr("\n.!?", b) ? 3u : 2u);
            same &= doc->sentence_count == other->sentence_count &&
                    memcmp(doc->sentences, other->sentences, doc->sentence_count * sizeof *doc->sentences) == 0;
            fx_doc_free(doc);
            fx_doc_free(other);
        }
    CHECK(stops_right);
    CHECK(same);
    fx_context_free(ctx);
}
