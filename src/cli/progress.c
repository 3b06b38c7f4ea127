/* progress.c - see progress.h. */
#include "progress.h"

#include <stdlib.h>
#include <unistd.h>

#include "arena.h"
#include "clock.h"

struct fx_progress {
    FILE *stream;
    int enabled, shown;
    size_t documents, total_documents, bytes, total_bytes;
    double started, drawn;
};

fx_progress *fx_progress_new(FILE *stream, int enabled)
{
    fx_progress *p = fx_xcalloc(1, sizeof *p);
    p->stream = stream;
    p->enabled = enabled && stream && isatty(fileno(stream));
    p->started = fx_clock_seconds();
    return p;
}

void fx_progress_expect(fx_progress *p, size_t documents, size_t bytes)
{
    if (!p) return;
    p->total_documents += documents;
    p->total_bytes += bytes;
}

size_t fx_progress_format(char *buf, size_t size, size_t documents, size_t total_documents, size_t bytes,
                          size_t total_bytes, double seconds)
{
    double mb = (double)bytes / 1e6, rate = seconds > 0 ? mb / seconds : 0;
    int n = snprintf(buf, size, "factx: %zu", documents);
    if (total_documents) n += snprintf(buf + n, size - (size_t)n, "/%zu", total_documents);
    n += snprintf(buf + n, size - (size_t)n, " documents, %.1f", mb);
    if (total_bytes) n += snprintf(buf + n, size - (size_t)n, "/%.1f", (double)total_bytes / 1e6);
    n += snprintf(buf + n, size - (size_t)n, " MB, %.1f MB/s", rate);
    if (total_bytes && rate > 0 && bytes <= total_bytes) {
        long eta = (long)((double)(total_bytes - bytes) / 1e6 / rate + 0.5);
        n += snprintf(buf + n, size - (size_t)n, ", ETA %ld:%02ld", eta / 60, eta % 60);
    }
    return (size_t)n < size ? (size_t)n : size - 1;
}

void fx_progress_step(fx_progress *p, size_t documents, size_t bytes)
{
    if (!p) return;
    p->documents += documents;
    p->bytes += bytes;
    if (!p->enabled) return;
    double t = fx_clock_seconds();
    if (p->shown && t - p->drawn < 0.1) return;
    char line[160];
    fx_progress_format(line, sizeof line, p->documents, p->total_documents, p->bytes, p->total_bytes,
                       t - p->started);
    /* the cursor goes back to column 0, so a message printed next starts clean */
    fprintf(p->stream, "\r%s\033[K\r", line);
    fflush(p->stream);
    p->shown = 1;
    p->drawn = t;
}

void fx_progress_clear(fx_progress *p)
{
    if (!p || !p->enabled || !p->shown) return;
    fputs("\r\033[K", p->stream);
    fflush(p->stream);
    p->shown = 0;
}

void fx_progress_free(fx_progress *p)
{
    fx_progress_clear(p);
    free(p);
}
