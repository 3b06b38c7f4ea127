/* cache.h - compiled things kept between runs, so that start-up reads
 * them instead of compiling: the Vectorscan database (scan.c), the
 * PCRE2 patterns (rules_compile.c) and the large tables (tables.c).
 *
 * Files live in $XDG_CACHE_HOME/factx (else $HOME/.cache/factx), one per
 * kind and key: KIND-KEY.EXT, KEY the SHA-256 of everything the contents
 * are made from (the caller's key text: the rules' hash, the library's
 * version, the CPU). Each file holds a magic line, the key, the length
 * and a checksum of the contents, then the contents. A file that is
 * missing, foreign (another magic or key), truncated or damaged (length
 * or checksum) is a miss: the caller compiles and writes it again.
 * Writing goes through a temporary file and a rename, so a reader never
 * sees half a file; each kind keeps its most recently used files (a hit
 * touches its file), FX_CACHE_KEEP unless its caller sets another count,
 * since every edit of a rule makes a new one. A cache that cannot be read
 * or written only costs the compile.
 *
 * Ownership: fx_cache_open fills a fx_cache_file whose strings
 * fx_cache_close frees; fx_cache_map returns contents mapped read-only
 * that the caller gives back with fx_cache_unmap; fx_cache_read_block a
 * block the caller owns. */
#ifndef FX_CACHE_H
#define FX_CACHE_H

#include <stddef.h>

#define FX_CACHE_KEEP 8

typedef struct fx_cache_file {
    const char *kind;           /* "scan", "pcre2": the file name's start */
    const char *ext;            /* "hsdb", "pcre2": its extension */
    char *dir;                  /* malloc'd; NULL: neither XDG_CACHE_HOME nor HOME */
    char *path;                 /* malloc'd; NULL with dir */
    char key[65];               /* hex SHA-256 of kind and key text */
    /* how many files of the kind a write keeps (FX_CACHE_KEEP; more for
     * a kind one build has several files of: tables.c) */
    size_t keep;
} fx_cache_file;

/* The file of that kind for key_text[0..len), keeping FX_CACHE_KEEP. */
void fx_cache_open(fx_cache_file *c, const char *kind, const char *ext, const char *key_text, size_t len);
void fx_cache_close(fx_cache_file *c);

/* The file's contents (mapped read-only, *len bytes) when it is whole and
 * its key is c's, else NULL. A hit marks the file recently used. Mapped,
 * not read into a buffer: a read() faults in each page of its buffer
 * (some 400 page faults at start-up for the shipped rules' files), a
 * read of the mapping one page in sixteen (the kernel maps the page
 * cache's pages around the one asked). Files are replaced by a rename,
 * never written in place, so the mapping stays whole. */
const unsigned char *fx_cache_map(const fx_cache_file *c, size_t *len);
void fx_cache_unmap(const unsigned char *contents, size_t len);
/* The same contents read into a block of their own (fx_pages_alloc,
 * arena.h: *len bytes, given back with fx_pages_free(block, *len)), for a
 * caller that keeps them and writes to them (a table's rows get their
 * pointers, tables.c): no page of the file is mapped besides, where a
 * mapping copied would hold both at once. NULL on a miss, as above (and
 * for empty contents: no block of no bytes). */
void *fx_cache_read_block(const fx_cache_file *c, size_t *len);

/* Store contents[0..len) as c's file, then prune its kind to the c->keep
 * most recently used; 0 on success, else -1 with errno set (no
 * directory: ENOENT). */
int fx_cache_write(const fx_cache_file *c, const void *contents, size_t len);

/* The machine's part of a key, for contents that hold native words (a
 * table's rows, serialised patterns): the width of pointers and the byte
 * order, one line ("8 1\n" on x86-64). Written into out[0..size) as
 * snprintf writes; returns its length. */
int fx_cache_machine_line(char *out, size_t size);

/* The checksum a cache file keeps of its contents (64 bits, not
 * cryptographic: it catches damage, the key catches foreign files). */
unsigned long long fx_cache_checksum(const void *data, size_t len);

#endif
