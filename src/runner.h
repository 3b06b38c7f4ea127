/* runner.h - items processed on N worker threads, written in input order.
 *
 * The interface (fx_runner_new, _submit, _finish) is public and documented
 * in factx.h. Design: a ring of 4 x threads slots indexed by sequence
 * number; workers take slots in order and mark them done; the submitting
 * thread writes the oldest slot as soon as it is done, so output order is
 * submission order whatever the scheduling. Workers never do output.
 */
#ifndef FX_RUNNER_H
#define FX_RUNNER_H

#include "factx.h"

#endif
