/* runner.c - see runner.h.
 *
 * A ring of `window` slots indexed by sequence number. Workers take slots
 * in order (next_take) and mark them done; the submitting thread writes the
 * slot at next_write once it is done. Workers never write output, so
 * output order is submission order whatever the scheduling.
 *
 * With the window full, the submitting thread sleeps until half of it is
 * done, not just its head: waking it for every document costs a context
 * switch per document, which on as many workers as cores takes the CPU
 * from a worker each time.
 *
 * The window's size is the work queued for when the submitting thread,
 * woken at half of it, is late: it shares the cores with the workers, and
 * on a busy host, or in a read that waits on the disk, it can be late by
 * milliseconds. With 8 slots a thread, two workers had 6 documents queued
 * (under a millisecond of work) and slept on an empty queue at every such
 * delay: 22,000-38,000 voluntary context switches over 100 MB at -j 2
 * under load, 2,200-7,300 with 32 (BENCHMARKS.md, front24). */
#include "runner.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"

typedef struct slot {
    void *item;
    int done;
} slot;

typedef struct worker_arg {
    fx_runner *runner;
    int index;
} worker_arg;

struct fx_runner {
    int threads;
    fx_runner_work_fn work;
    fx_runner_write_fn write;
    void *user;

    slot *slots;
    size_t window;
    size_t next_submit, next_take, next_write;   /* sequence numbers */
    size_t done_count;            /* done slots not yet written */
    size_t wake_at;               /* wake the submitting thread at this many done (0: not waiting) */
    int closing;

    pthread_mutex_t lock;
    pthread_cond_t work_ready;    /* an item was submitted, or closing */
    pthread_cond_t item_done;     /* a worker finished an item */
    pthread_t *tids;
    worker_arg *args;
    int started;
};

int fx_runner_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 ? (int)(n > 256 ? 256 : n) : 1;
}

static void *worker_main(void *p)
{
    worker_arg *a = p;
    fx_runner *r = a->runner;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (r->next_take == r->next_submit && !r->closing)
            pthread_cond_wait(&r->work_ready, &r->lock);
        if (r->next_take == r->next_submit) break;   /* closing and nothing left */
        slot *s = &r->slots[r->next_take % r->window];
        r->next_take++;
        pthread_mutex_unlock(&r->lock);
        r->work(s->item, a->index, r->user);
        pthread_mutex_lock(&r->lock);
        s->done = 1;
        r->done_count++;
        if (r->wake_at && r->done_count >= r->wake_at)
            pthread_cond_signal(&r->item_done);   /* only the submitting thread waits on it */
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

fx_runner *fx_runner_new(int threads, fx_runner_work_fn work, fx_runner_write_fn write, void *user)
{
    fx_runner *r = fx_xcalloc(1, sizeof *r);
    r->threads = threads < 1 ? 1 : threads;
    r->work = work;
    r->write = write;
    r->user = user;
    if (r->threads == 1) return r;
    r->window = (size_t)r->threads * FX_RUNNER_SLOTS_PER_THREAD;
    r->slots = fx_xcalloc(r->window, sizeof *r->slots);
    r->tids = fx_xcalloc((size_t)r->threads, sizeof *r->tids);
    r->args = fx_xcalloc((size_t)r->threads, sizeof *r->args);
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->work_ready, NULL);
    pthread_cond_init(&r->item_done, NULL);
    /* Workers are born with SIGINT blocked, so that a Ctrl-C reaches the
     * thread reading the input and ends a read that waits on a pipe. */
    sigset_t interrupt, before;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    pthread_sigmask(SIG_BLOCK, &interrupt, &before);
    int failed = 0;
    for (int i = 0; i < r->threads && !failed; i++) {
        r->args[i].runner = r;
        r->args[i].index = i;
        failed = pthread_create(&r->tids[i], NULL, worker_main, &r->args[i]) != 0;
        if (!failed) r->started++;
    }
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    if (failed) {
        fx_runner_finish(r);
        return NULL;
    }
    return r;
}

/* Write every finished item at the head of the window; with wait_for,
 * first wait until the head item is finished and at least wait_for items
 * are. Called with the lock held. */
static void write_ready(fx_runner *r, size_t wait_for)
{
    if (wait_for) {
        r->wake_at = wait_for;
        while (!r->slots[r->next_write % r->window].done || r->done_count < wait_for) {
            /* the head may finish last: then the count is already reached */
            if (r->done_count >= wait_for) r->wake_at = r->done_count + 1;
            pthread_cond_wait(&r->item_done, &r->lock);
        }
        r->wake_at = 0;
    }
    while (r->next_write < r->next_submit && r->slots[r->next_write % r->window].done) {
        slot *s = &r->slots[r->next_write % r->window];
        void *item = s->item;
        s->done = 0;
        s->item = NULL;
        r->next_write++;
        r->done_count--;
        pthread_mutex_unlock(&r->lock);
        r->write(item, r->user);
        pthread_mutex_lock(&r->lock);
    }
}

void fx_runner_submit(fx_runner *r, void *item)
{
    if (r->threads == 1) {
        r->work(item, 0, r->user);
        r->write(item, r->user);
        return;
    }
    pthread_mutex_lock(&r->lock);
    while (r->next_submit - r->next_write == r->window) write_ready(r, r->window / 2);
    slot *s = &r->slots[r->next_submit % r->window];
    s->item = item;
    s->done = 0;
    r->next_submit++;
    pthread_cond_signal(&r->work_ready);
    write_ready(r, 0);
    pthread_mutex_unlock(&r->lock);
}

void fx_runner_drain(fx_runner *r)
{
    if (r->threads == 1) return;   /* submit has already written everything */
    pthread_mutex_lock(&r->lock);
    while (r->next_write < r->next_submit) write_ready(r, 1);
    pthread_mutex_unlock(&r->lock);
}

void fx_runner_finish(fx_runner *r)
{
    if (r->threads > 1) {
        pthread_mutex_lock(&r->lock);
        r->closing = 1;
        pthread_cond_broadcast(&r->work_ready);
        while (r->next_write < r->next_submit) write_ready(r, 1);
        pthread_mutex_unlock(&r->lock);
        for (int i = 0; i < r->started; i++) pthread_join(r->tids[i], NULL);
        pthread_mutex_destroy(&r->lock);
        pthread_cond_destroy(&r->work_ready);
        pthread_cond_destroy(&r->item_done);
    }
    free(r->slots);
    free(r->tids);
    free(r->args);
    free(r);
}
