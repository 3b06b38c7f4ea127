/* fixture.h - the rules in rules/, loaded once for every unit test group
 * that runs whole documents (instead of each group loading its own). */
#ifndef FX_TEST_FIXTURE_H
#define FX_TEST_FIXTURE_H

#include "document.h"
#include "factx.h"
#include "rules.h"
#include "scan.h"

/* The shared context, loaded on first use; NULL (with a failed check)
 * when the rules do not load. Owned by the fixture. */
const fx_context *fx_fixture_context(void);

/* text[0..len) through every stage with document date dct (NULL: none)
 * and only the types in the bit set types (0: all). NULL when the rules
 * did not load; otherwise the caller frees the document. */
fx_doc *fx_fixture_run(const char *text, size_t len, const char *dct, unsigned types);

/* The fact of doc (run on text) whose text is exactly the first
 * occurrence of span in text, or NULL. */
const fx_fact *fx_fixture_fact_at(const fx_doc *doc, const char *text, const char *span);

/* The paths of the corpus's .txt files, in directory order, at most `most` (0: all);
 * *count is set. Free with fx_fixture_free_paths. */
char **fx_fixture_corpus_paths(size_t most, size_t *count);
void fx_fixture_free_paths(char **paths, size_t count);

/* The first MiB of the file at path (*len set), or NULL; the caller frees it. */
char *fx_fixture_read(const char *path, size_t *len);

/* Does every position where rule matches (anchored there) lie in one of
 * windows[0..count)? Adds to *starts how many such positions there are. */
int fx_fixture_windows_hold(const fx_rule *rule, const char *text, size_t len, const fx_window *windows, size_t count,
                            size_t *starts);

/* A fresh directory, /tmp/factx-test-cache-XXXXXX written into
 * path[0..size), set as XDG_CACHE_HOME, so that a test writes and reads
 * its own cache files, not the user's; *saved gets the variable's old
 * value (or NULL). Open returns 0 when the directory cannot be made.
 * Close removes the directory and what is in it, puts XDG_CACHE_HOME
 * back and frees *saved; it returns 0 when the removal failed. */
int fx_fixture_cache_dir_open(char *path, size_t size, char **saved);
int fx_fixture_cache_dir_close(const char *path, char **saved);

/* A directory holding one file, test.rules, of the given rules, and a
 * cache directory of its own set as XDG_CACHE_HOME (so that a test
 * compiles and reads back its own databases, not the user's). Open
 * returns 0 when a directory cannot be made; close removes both and
 * puts XDG_CACHE_HOME back. */
typedef struct {
    char dir[40], cache[48];   /* the rules; the cache (fx_fixture_cache_dir_open's) */
    char *saved_cache;         /* XDG_CACHE_HOME before open, or NULL */
} fx_fixture_rules_dir;
int fx_fixture_rules_dir_open(fx_fixture_rules_dir *d, const char *rules);
void fx_fixture_rules_dir_close(fx_fixture_rules_dir *d);
/* Another file, name, of d's rules directory (a table its rules name). */
void fx_fixture_rules_dir_write(const fx_fixture_rules_dir *d, const char *name, const char *text);

/* Release the context and scratch (main calls it once, at the end). */
void fx_fixture_free(void);

#endif
