/* fixture.c - see fixture.h. */
#include "fixture.h"

#include <dirent.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static fx_context *context;
static fx_scratch *scratch;
static int tried;

const fx_context *fx_fixture_context(void)
{
    if (!tried) {
        tried = 1;
        fx_diag diag;
        fx_diag_init(&diag, stderr);
        context = fx_context_load("rules", &diag);
        CHECK(context != NULL);
        if (context) scratch = fx_scratch_new(context);
    }
    return context;
}

fx_doc *fx_fixture_run(const char *text, size_t len, const char *dct, unsigned types)
{
    if (!fx_fixture_context()) return NULL;
    fx_doc *doc = fx_doc_new("t", NULL, text, len);
    if (types) doc->types = types;
    if (dct) {
        memcpy(doc->dct, dct, 10);
        doc->dct[10] = '\0';
        doc->dct_source = FX_DCT_OPTION;
    }
    fx_extract(context, scratch, doc, NULL);
    return doc;
}

void fx_fixture_free(void)
{
    fx_scratch_free(scratch);
    fx_context_free(context);
    scratch = NULL;
    context = NULL;
    tried = 0;
}

const fx_fact *fx_fixture_fact_at(const fx_doc *doc, const char *text, const char *span)
{
    const char *at = strstr(text, span);
    if (!at) return NULL;
    size_t start = (size_t)(at - text), end = start + strlen(span);
    for (size_t i = 0; i < doc->fact_count; i++)
        if (doc->facts[i].start == start && doc->facts[i].end == end) return &doc->facts[i];
    return NULL;
}

char **fx_fixture_corpus_paths(size_t most, size_t *count)
{
    char **paths = NULL;
    *count = 0;
    DIR *dir = opendir("corpus");
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL && (most == 0 || *count < most)) {
        size_t n = strlen(entry->d_name);
        if (n < 5 || strcmp(entry->d_name + n - 4, ".txt") != 0) continue;
        paths = realloc(paths, (*count + 1) * sizeof *paths);
        paths[*count] = malloc(n + 8);
        sprintf(paths[(*count)++], "corpus/%s", entry->d_name);
    }
    if (dir) closedir(dir);
    return paths;
}

void fx_fixture_free_paths(char **paths, size_t count)
{
    for (size_t k = 0; k < count; k++) free(paths[k]);
    free(paths);
}

char *fx_fixture_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *text = malloc(1 << 20);
    *len = text ? fread(text, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    return text;
}

int fx_fixture_windows_hold(const fx_rule *rule, const char *text, size_t len, const fx_window *windows, size_t count,
                            size_t *starts)
{
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    size_t w = 0;
    int held = 1;
    for (size_t s = 0; s <= len; s++) {
        if (s < len && ((unsigned char)text[s] & 0xC0) == 0x80) continue;
        if (pcre2_match(rule->code, (PCRE2_SPTR)text, len, s, PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, md, NULL) < 0)
            continue;
        ++*starts;
        while (w < count && windows[w].to < s) w++;
        if (w == count || windows[w].from > s) {
            fprintf(stderr, "rule %s matches at %zu outside its windows\n", rule->id, s);
            held = 0;
        }
    }
    pcre2_match_data_free(md);
    return held;
}

int fx_fixture_cache_dir_open(char *path, size_t size, char **saved)
{
    snprintf(path, size, "/tmp/factx-test-cache-XXXXXX");
    *saved = NULL;
    if (!mkdtemp(path)) return 0;
    const char *old = getenv("XDG_CACHE_HOME");
    *saved = old ? strdup(old) : NULL;
    setenv("XDG_CACHE_HOME", path, 1);
    return 1;
}

int fx_fixture_cache_dir_close(const char *path, char **saved)
{
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", path);
    int removed = system(cmd) == 0;
    if (!removed) fprintf(stderr, "cannot remove %s\n", path);
    if (*saved) setenv("XDG_CACHE_HOME", *saved, 1);
    else unsetenv("XDG_CACHE_HOME");
    free(*saved);
    *saved = NULL;
    return removed;
}

int fx_fixture_rules_dir_open(fx_fixture_rules_dir *d, const char *rules)
{
    snprintf(d->dir, sizeof d->dir, "/tmp/factx-test-rules-XXXXXX");
    d->saved_cache = NULL;
    if (!mkdtemp(d->dir)) return 0;
    if (!fx_fixture_cache_dir_open(d->cache, sizeof d->cache, &d->saved_cache)) {
        rmdir(d->dir);
        return 0;
    }
    fx_fixture_rules_dir_write(d, "test.rules", rules);
    return 1;
}

void fx_fixture_rules_dir_write(const fx_fixture_rules_dir *d, const char *name, const char *text)
{
    char path[96];
    snprintf(path, sizeof path, "%s/%s", d->dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

void fx_fixture_rules_dir_close(fx_fixture_rules_dir *d)
{
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", d->dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", d->dir);
    fx_fixture_cache_dir_close(d->cache, &d->saved_cache);
}
