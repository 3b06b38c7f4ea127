/* match.h - stage 4: every rule over the normalised text -> candidates.
 *
 * Pattern rules run their compiled PCRE2 code (JIT when available) over the
 * text, left to right, non-overlapping per rule. Where a rule's literals
 * (prefilter.h) are absent it is skipped, and a rule whose literals start
 * a bounded number of bytes into every match is tried only in windows
 * before their occurrences; both find exactly what a whole scan finds. List rules look up
 * token sequences that start with a capital in their table (longest first),
 * once the table's first-word index says a key can start with the word.
 * A rule that hits the match or depth limit is stopped for this document
 * with a warning naming the rule; the other rules go on.
 *
 * Ownership: the scratch (PCRE2 match data) belongs to one worker thread;
 * create one per thread and free it with fx_scratch_free.
 */
#ifndef FX_MATCH_H
#define FX_MATCH_H

#include <stdint.h>

#include "document.h"

/* fx_scratch_new and fx_scratch_free are public (factx.h). */
/* The texts kept across the documents the scratch's thread writes
 * (json_print.h: a city's value, made from the context's tables, which
 * outlive the scratch); the scratch owns them. */
struct fx_json_keeper *fx_scratch_keeper(fx_scratch *scratch);
/* The city resolver's keys kept across the scratch's documents (place.h),
 * made on first use; the scratch owns it. */
struct fx_city_cache *fx_scratch_cities(fx_scratch *scratch);
/* The reaches in fx_context.list_words (tables.h) of the capitalised
 * words (tokens.h's capitals, in order; NULL: a word in none of its
 * tables) of the document last matched, as its list rules probed them;
 * NULL when none did. The scratch's, valid until its next document: the
 * city resolver reads them rather than probe each word again. */
const uint16_t *const *fx_scratch_capital_reaches(const fx_scratch *scratch);
/* Build the prefilters of every pattern rule (prefilter.h) into
 * ctx->match_index, once after loading; a context without one runs every
 * rule on every document. Setting FACTX_NO_PREFILTER=1 in the environment
 * leaves it out (to check that prefilters change nothing). */
void fx_match_index_build(struct fx_context *ctx);
void fx_match_index_free(struct fx_context *ctx);

void fx_match(const struct fx_context *ctx, fx_scratch *scratch, fx_doc *doc);

/* Time per rule (--profile): a scratch records it once asked (it costs two
 * clock reads per rule and document); the report adds the scratches' times
 * and prints the `top` slowest rules with their match counts. */
void fx_scratch_time_rules(fx_scratch *scratch, const struct fx_context *ctx);
void fx_profile_print_rules(FILE *out, const struct fx_context *ctx, fx_scratch *const *scratches, int count,
                            int top);

/* The matches of the pattern rules `wanted` says yes to inside text[from,
 * to), the text cut at `to`, for a stage before this one that needs a few
 * (the document date reads the dates of a few lines). Each rule's matches
 * do not overlap; different rules' may. At most max candidates go to out,
 * their groups in the document's arena; doc->candidates is not touched.
 * Returns how many. */
size_t fx_match_span(const struct fx_context *ctx, fx_scratch *scratch, fx_doc *doc,
                     int (*wanted)(const struct fx_rule *rule), size_t from, size_t to, fx_candidate *out,
                     size_t max);

/* A pattern "(?<![B])(?=[L])*[C1][C2]{m,n}(?![A])" of character classes
 * (org.acronym's: an all-capitals word), whose match at a start is known
 * from the bytes around it when they are ASCII: match.c confirms such a
 * rule's one-byte windows without PCRE2 (a search costs some 450
 * instructions, most of them before a byte is tried). Each class is kept
 * as the ASCII bytes PCRE2 itself matches with it, a bit a class per byte
 * (FX_RUN_...); a byte past ASCII has FX_RUN_OTHER only. */
enum { FX_RUN_BEFORE = 1, FX_RUN_FIRST = 2, FX_RUN_RUN = 4, FX_RUN_AFTER = 8, FX_RUN_OTHER = 16 };
typedef struct fx_class_run {
    unsigned char bytes[256];   /* B, C1 (and each L), C2, A */
    unsigned min, max;
} fx_class_run;
enum { FX_CLASS_RUN_UNKNOWN = -1 };
/* 1 when the expanded pattern has that shape (and nothing else), compiled
 * with PCRE2 options `options`; sets *run. */
int fx_class_run_of(const char *pattern, uint32_t options, fx_class_run *run);
/* The end of the rule's match that starts at text[at] (the text len
 * bytes), 0 when none starts there, or FX_CLASS_RUN_UNKNOWN when a byte
 * it depends on is not ASCII (PCRE2 must say: \p{L} and the like). */
long fx_class_run_at(const fx_class_run *run, const char *text, size_t len, size_t at);

/* 0 when no match can start at text[at] (the text len bytes): its byte
 * is not in start_bits, PCRE2's start bitmap of the code
 * (PCRE2_INFO_FIRSTBITMAP), which holds every match's first byte. 1 when
 * it is, or at the text's end, or start_bits is NULL (no bitmap). */
int fx_may_start_at(const uint8_t *start_bits, const char *text, size_t len, size_t at);

/* The text of the named capture of fact's match: sets *text and returns its
 * length, or returns -1 when the group is unset or does not exist. */
long fx_fact_group(const fx_doc *doc, const fx_fact *fact, const char *name, const char **text);

#endif
