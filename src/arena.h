/* arena.h - per-document bump allocator.
 *
 * Ownership: everything allocated from an arena is freed, all at once, by
 * fx_arena_free. Nothing allocated here may be passed to free(). Allocation
 * failure is fatal (the process prints "out of memory" and exits), so
 * callers never check for NULL.
 */
#ifndef FX_ARENA_H
#define FX_ARENA_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct fx_arena_block fx_arena_block;
struct fx_arena_block {         /* here for fx_arena_alloc_uninit's inline bump; arena.c's */
    fx_arena_block *next;
    size_t used, capacity;
    _Alignas(16) unsigned char data[];
};

/* Allocations of this size or more get a block of their own, so that
 * growing arrays (candidates, facts) cost their final size, not twice it,
 * and small blocks stay at most FX_ARENA_BLOCK_MAX: the memory an arena
 * holds is what it handed out plus at most a quarter (docs/RELIABILITY.md). */
enum { FX_ARENA_LARGE = 256 * 1024, FX_ARENA_BLOCK_MAX = 4 * FX_ARENA_LARGE };

typedef struct fx_arena {
    fx_arena_block *head;       /* blocks of small allocations, the newest first */
    fx_arena_block *large;      /* one block per large allocation */
} fx_arena;

void  fx_arena_init(fx_arena *arena);
void  fx_arena_free(fx_arena *arena);
/* The bytes handed out (each allocation rounded to 16): the blocks' used
 * bytes added up when asked, not a count kept at each of the some 137,000
 * allocations a MB. */
size_t fx_arena_total(const fx_arena *arena);
/* fx_arena_alloc_uninit when the newest block has no room: a new block. */
void *fx_arena_alloc_block(fx_arena *arena, size_t size);
/* 16-byte aligned memory that lives until fx_arena_free, not zeroed: for
 * an array its caller fills whole before reading it (zeroing it first
 * only costs a pass over memory that is rarely in the cache). Inline:
 * the resolvers and the match stage make some 200,000 a MB, and most are
 * a bump of the newest block. */
static inline void *fx_arena_alloc_uninit(fx_arena *arena, size_t size)
{
    fx_arena_block *b = arena->head;
    size_t rounded = (size + 15) & ~(size_t)15;
    /* one test for both a large size and the rounding's overflow: under
     * FX_ARENA_LARGE - 15, rounded is under FX_ARENA_LARGE */
    if (!b || size > FX_ARENA_LARGE - 16 || b->capacity - b->used < rounded) return fx_arena_alloc_block(arena, size);
    void *p = b->data + b->used;
    b->used += rounded;
    return p;
}
/* The same, zeroed. */
static inline void *fx_arena_alloc(fx_arena *arena, size_t size)
{
    return memset(fx_arena_alloc_uninit(arena, size), 0, size);
}
/* A copy of ptr[0..old_size) in a new block of new_size bytes (zero-filled
 * past old_size). A large allocation (old_size >= FX_ARENA_LARGE) is
 * reallocated in place of the old; a small one stays allocated until the
 * arena dies. old_size must be the size ptr was allocated or grown with. */
void *fx_arena_grow(fx_arena *arena, void *ptr, size_t old_size, size_t new_size);
/* The same, the bytes past old_size not zeroed: for an array filled as it
 * grows (the document's candidates). */
void *fx_arena_grow_uninit(fx_arena *arena, void *ptr, size_t old_size, size_t new_size);
/* Copy of s[0..len) with a terminating NUL. */
char *fx_arena_strndup(fx_arena *arena, const char *s, size_t len);
char *fx_arena_strdup(fx_arena *arena, const char *s);
char *fx_arena_printf(fx_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *fx_arena_vprintf(fx_arena *arena, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Print "factx: out of memory" and exit with FX_EXIT_OUT_OF_MEMORY. */
_Noreturn void fx_out_of_memory(void);

/* Process-wide allocation helpers for long-lived data: fx_out_of_memory on
 * failure. */
void *fx_xmalloc(size_t size);
void *fx_xcalloc(size_t count, size_t size);
/* Map the whole pages of p[0..size) now, as written (madvise
 * MADV_POPULATE_WRITE): one system call where each page's first touch
 * would fault (~2.5 us a fault on this VM against ~1.7 us a page by the
 * call; a page first read, then written, faults twice). For a block of
 * FX_POPULATE_MIN bytes or more whose pages are all about to be written
 * (a smaller one is left alone: it comes from the heap, whose pages are
 * mostly mapped already). Best effort: without the call (Linux before
 * 5.14) the pages fault in as before. */
#define FX_POPULATE_MIN (256 * 1024)
void fx_pages_populate(void *p, size_t size);
/* size bytes, zeroed, 16-byte aligned, their pages mapped now, for a
 * long-lived block of a load (a gazetteer's bytes, rows and index): a
 * block of FX_HUGE_PAGE bytes or more is a mapping of its own whose whole
 * 2 MiB pages are huge pages (MADV_HUGEPAGE: one fault and one zeroing a
 * 2 MiB page, where 512 pages populated cost ~0.9 ms on this VM; no page
 * that the block only partly fills, so no memory is added); a smaller
 * one is calloc'd and populated. Where huge pages are off, the pages are
 * small ones, mapped as fx_pages_populate maps them. Give it back with
 * fx_pages_free(p, size), size as allocated. */
#define FX_HUGE_PAGE (2u << 20)
void *fx_pages_alloc(size_t size);
void fx_pages_free(void *p, size_t size);
void *fx_xrealloc(void *ptr, size_t size);
char *fx_xstrdup(const char *s);
char *fx_xstrndup(const char *s, size_t len);

#endif
