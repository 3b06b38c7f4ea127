/* clock.h - the one clock factx times things with.
 *
 * Monotonic (CLOCK_MONOTONIC), so that timings never run backwards when
 * the wall clock is set: the pipeline's stage times, the per-rule times of
 * --profile, the command line's wall time and its progress line all read it.
 */
#ifndef FX_CLOCK_H
#define FX_CLOCK_H

/* Seconds since an arbitrary fixed point; only differences mean anything. */
double fx_clock_seconds(void);
/* CPU seconds the calling thread has run (CLOCK_THREAD_CPUTIME_ID): what a
 * budget of work reads, untouched by other processes on the machine. */
double fx_clock_thread_seconds(void);

#endif
