/* arena.c - see arena.h. Small blocks grow geometrically, up to
 * FX_ARENA_BLOCK_MAX, so a document with many facts costs few malloc
 * calls; a large allocation has its own block, which a grow reallocates. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "factx.h"   /* FX_EXIT_OUT_OF_MEMORY */

enum { MIN_BLOCK = 16 * 1024, ALIGN = 16 };   /* ALIGN: fx_arena_alloc_uninit's rounding (arena.h) */

void fx_out_of_memory(void)
{
    fputs("factx: out of memory\n", stderr);
    exit(FX_EXIT_OUT_OF_MEMORY);
}

void *fx_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) fx_out_of_memory();
    return p;
}

void *fx_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) fx_out_of_memory();
    return p;
}

void fx_pages_populate(void *p, size_t size)
{
    if (size < FX_POPULATE_MIN) return;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = ((uintptr_t)p + page - 1) & ~(page - 1), end = ((uintptr_t)p + size) & ~(page - 1);
#ifdef MADV_POPULATE_WRITE   /* headers older than Linux 5.14: the pages fault in as before */
    if (end > start) madvise((void *)start, end - start, MADV_POPULATE_WRITE);
#else
    (void)start, (void)end;
#endif
}

void *fx_pages_alloc(size_t size)
{
    if (size < FX_HUGE_PAGE) {
        void *p = fx_xcalloc(1, size);
        fx_pages_populate(p, size);
        return p;
    }
    /* a mapping aligned to FX_HUGE_PAGE: one of size + FX_HUGE_PAGE, its
     * slack before and after given back */
    size_t page = (size_t)sysconf(_SC_PAGESIZE), len = (size + page - 1) & ~(page - 1);
    if (len < size || len > SIZE_MAX - FX_HUGE_PAGE) fx_out_of_memory();
    unsigned char *raw = mmap(NULL, len + FX_HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) fx_out_of_memory();
    unsigned char *p = (unsigned char *)(((uintptr_t)raw + FX_HUGE_PAGE - 1) & ~(uintptr_t)(FX_HUGE_PAGE - 1));
    if (p > raw) munmap(raw, (size_t)(p - raw));
    munmap(p + len, (size_t)(raw + FX_HUGE_PAGE - p));
#ifdef MADV_HUGEPAGE
    madvise(p, size & ~(size_t)(FX_HUGE_PAGE - 1), MADV_HUGEPAGE);   /* best effort: THP may be off */
#endif
    fx_pages_populate(p, len);
    return p;
}

void fx_pages_free(void *p, size_t size)
{
    if (size < FX_HUGE_PAGE) {
        free(p);
        return;
    }
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    munmap(p, (size + page - 1) & ~(page - 1));
}

void *fx_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p) fx_out_of_memory();
    return p;
}

char *fx_xstrndup(const char *s, size_t len)
{
    char *p = fx_xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *fx_xstrdup(const char *s) { return fx_xstrndup(s, strlen(s)); }

void fx_arena_init(fx_arena *arena) { arena->head = arena->large = NULL; }

static void free_blocks(fx_arena_block *b)
{
    while (b) {
        fx_arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void fx_arena_free(fx_arena *arena)
{
    free_blocks(arena->head);
    free_blocks(arena->large);
    arena->head = arena->large = NULL;
}

size_t fx_arena_total(const fx_arena *arena)
{
    size_t total = 0;
    for (const fx_arena_block *b = arena->head; b; b = b->next) total += b->used;
    for (const fx_arena_block *b = arena->large; b; b = b->next) total += b->used;
    return total;
}

/* A block of its own for a large allocation, first in arena->large. */
static void *alloc_large(fx_arena *arena, size_t size)
{
    if (size > SIZE_MAX - sizeof(fx_arena_block)) fx_out_of_memory();
    fx_arena_block *nb = malloc(sizeof *nb + size);     /* zeroed by fx_arena_alloc if it must be */
    if (!nb) fx_out_of_memory();
    nb->next = arena->large;
    nb->used = nb->capacity = size;
    arena->large = nb;
    return nb->data;
}

void *fx_arena_alloc_block(fx_arena *arena, size_t size)
{
    size_t rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (rounded < size) fx_out_of_memory();
    if (rounded >= FX_ARENA_LARGE) return alloc_large(arena, rounded);
    fx_arena_block *b = arena->head;
    if (!b || b->capacity - b->used < rounded) {
        /* what is left in the old block (under FX_ARENA_LARGE, a quarter of
         * the largest block) is given up */
        size_t cap = b ? b->capacity * 2 : MIN_BLOCK;
        if (cap > FX_ARENA_BLOCK_MAX) cap = FX_ARENA_BLOCK_MAX;
        if (cap < rounded) cap = rounded;
        fx_arena_block *nb = malloc(sizeof *nb + cap);
        if (!nb) fx_out_of_memory();
        nb->next = b;
        nb->used = 0;
        nb->capacity = cap;
        arena->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += rounded;
    return p;
}

static void *grow(fx_arena *arena, void *ptr, size_t old_size, size_t new_size, int zeroed)
{
    size_t old_rounded = (old_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    size_t rounded = (new_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (ptr && old_rounded >= FX_ARENA_LARGE && rounded >= old_rounded) {
        /* allocated large, so a block of its own: realloc it in its place */
        fx_arena_block **link = &arena->large;
        while (*link && (*link)->data != (unsigned char *)ptr) link = &(*link)->next;
        if (*link) {
            fx_arena_block *b = *link;
            if (rounded > SIZE_MAX - sizeof *b) fx_out_of_memory();
            fx_arena_block *nb = realloc(b, sizeof *nb + rounded);
            if (!nb) fx_out_of_memory();
            if (zeroed) memset(nb->data + nb->capacity, 0, rounded - nb->capacity);
            nb->used = nb->capacity = rounded;
            *link = nb;
            return nb->data;
        }
    }
    /* only the bytes past the copy are zeroed: the copy covers the rest */
    unsigned char *p = fx_arena_alloc_uninit(arena, new_size);
    size_t kept = ptr ? (old_size < new_size ? old_size : new_size) : 0;
    if (kept) memcpy(p, ptr, kept);
    if (zeroed) memset(p + kept, 0, new_size - kept);
    return p;
}

void *fx_arena_grow(fx_arena *arena, void *ptr, size_t old_size, size_t new_size)
{
    return grow(arena, ptr, old_size, new_size, 1);
}

void *fx_arena_grow_uninit(fx_arena *arena, void *ptr, size_t old_size, size_t new_size)
{
    return grow(arena, ptr, old_size, new_size, 0);
}

char *fx_arena_strndup(fx_arena *arena, const char *s, size_t len)
{
    char *p = fx_arena_alloc_uninit(arena, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *fx_arena_strdup(fx_arena *arena, const char *s)
{
    return fx_arena_strndup(arena, s, strlen(s));
}

char *fx_arena_vprintf(fx_arena *arena, const char *fmt, va_list ap)
{
    if (!fmt) return fx_arena_strdup(arena, "");   /* also quiets GCC's -Wformat-truncation under UBSan */
    char small[256];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n < 0) n = 0;
    char *p = fx_arena_alloc_uninit(arena, (size_t)n + 1);
    if ((size_t)n < sizeof small) memcpy(p, small, (size_t)n + 1);
    else vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *fx_arena_printf(fx_arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = fx_arena_vprintf(arena, fmt, ap);
    va_end(ap);
    return p;
}
