/* tokens.h - the document's words, found once and shared by every part
 * that reads the text word by word, instead of each rediscovering them:
 *
 *   - the list rules of the match stage (match.c: city.gazetteer,
 *     city.supplement, city.alias, org.known, org.listed) try their table
 *     at the capitalised words only, probing its first-word index with the
 *     word's hash from here (one hash per word, not one per table);
 *   - the city resolver (resolve_city.c) reads the document's countries,
 *     regions, district names and "Sarah Houston" surnames from the words,
 *     and the misspelt cities from the capitalised ones;
 *   - the organisations' document pass (resolve_mentions.c) finds its
 *     surnames and the forms of the names found, looking each word up by
 *     its hash from here;
 *   - the money resolver (resolve_money.c) counts a currency's mentions
 *     at the word starts.
 *
 * Not here, and why: number words ("two million") are read by pattern
 * rules (money.words, money.two_units_words, percent.words) whose
 * candidates come from the one-pass scan (scan.h), and by the resolvers
 * from the matched text only. Finding where they begin once per
 * document and trying those rules there only was measured (BENCHMARKS.md,
 * issue 18 sixth session, numtok): it cost more than the scan's windows
 * now leave to save. A name that runs over several words ("New York", "Bank of China") is
 * found by each reader from a word's index on, since each joins words
 * by its own separators and up to its own length.
 *
 * The tokens are found by their own stage, fx_tokenise, between the
 * document date and the match stage (so that --profile shows their time
 * on a line of their own, not in the first rule that reads them), from
 * doc->text, which no later stage changes. A reader calls fx_doc_tokens,
 * which finds them then if the stage did not. Ownership: they live in
 * the document's arena (doc->tokens) and die with it.
 */
#ifndef FX_TOKENS_H
#define FX_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "document.h"
#include "words.h"

typedef struct fx_tokens {
    const char *text;           /* the document's text (doc->text) */
    const fx_words *words;      /* every word, in text order (words.h) */
    uint64_t *hash;             /* per word: its hash once read, else 0; read
                                   it with fx_token_hash, which fills it */
    const size_t *capitals;     /* indexes into words of the capitalised
                                   words (fx_token_capital), in text order:
                                   words->marked, the finder's list */
    size_t capital_count;
} fx_tokens;

/* Can a word starting with byte c be capitalised: A-Z, or the lead byte
 * of a non-ASCII character (whose case a reader checks itself, if it
 * needs to: "É" and "é" both lead with 0xC3)? A table (tokens.c): one
 * load, where the two ranges' tests took seven instructions, at every
 * word of the tokens stage. */
extern const unsigned char fx_token_capitals[256];

static inline int fx_token_capital(unsigned char c)
{
    return fx_token_capitals[c];
}

/* fx_token_hash's slow path: word k's hash made and kept. */
uint64_t fx_token_hash_make(const fx_tokens *tokens, size_t k);

/* Word k's hash: fx_hash_bytes of its bytes (hash.h). Made at its first
 * read, not by the tokens stage: about half a document's words (most of
 * those in lower case) are never looked up. The array is a cache written
 * through a const fx_tokens (its pointer is not to const, so no cast):
 * safe because a document, its tokens with it, is read by one thread
 * only. A word whose hash is 0 has it made again at each read: the same
 * answer. */
static inline uint64_t fx_token_hash(const fx_tokens *tokens, size_t k)
{
    uint64_t h = tokens->hash[k];
    return h ? h : fx_token_hash_make(tokens, k);
}

/* The document's tokens, found at the first call (doc->tokens). */
const fx_tokens *fx_doc_tokens(fx_doc *doc);

/* The tokens stage: the tokens, when the document wants a type whose
 * rules or resolver read them (city, organisation, money). */
void fx_tokenise(fx_doc *doc);

#endif
