/* runner.h - items processed on N worker threads, written in input order.
 *
 * Design: a ring of FX_RUNNER_SLOTS_PER_THREAD x threads slots indexed
 * by sequence number; workers take slots in order and mark them done; the
 * submitting thread writes the oldest slot as soon as it is done, so output
 * order is submission order whatever the scheduling. Workers never do
 * output.
 */
#ifndef FX_RUNNER_H
#define FX_RUNNER_H

/* Usage:
 *
 *   fx_runner *r = fx_runner_new(threads, work, write, user);
 *   for each input: fx_runner_submit(r, item);   // may write earlier items
 *   fx_runner_finish(r);                          // writes the rest, frees r
 *
 * work(item, worker, user) runs on a worker thread (worker is 0..threads-1,
 * so per-thread scratch can be indexed by it); write(item, user) runs on the
 * thread that calls submit/finish, exactly once per item, in submission
 * order. With threads == 1 no thread is started: submit calls work, then
 * write. At most FX_RUNNER_SLOTS_PER_THREAD items per thread are in flight
 * (submit blocks until the oldest is written), so memory does not grow
 * with the input. The runner never frees items: write owns each item it is
 * given. */

enum { FX_RUNNER_SLOTS_PER_THREAD = 32 };

typedef struct fx_runner fx_runner;
typedef void (*fx_runner_work_fn)(void *item, int worker, void *user);
typedef void (*fx_runner_write_fn)(void *item, void *user);

/* threads >= 1. NULL if a thread cannot be started (then run with 1). */
fx_runner *fx_runner_new(int threads, fx_runner_work_fn work, fx_runner_write_fn write, void *user);
void fx_runner_submit(fx_runner *runner, void *item);
void fx_runner_finish(fx_runner *runner);
/* Wait until every item submitted so far is written. A streaming caller
 * calls it before it blocks on input, so that the output for every input
 * already received is out without waiting for more input. */
void fx_runner_drain(fx_runner *runner);
/* The number of online processors (at least 1): the default for -j. */
int fx_runner_default_threads(void);


#endif
