/** A thread's share of the cores against the process's other threads. */
import {readlinkSync} from 'node:fs'
import {setPriority} from 'node:os'

/**
 * Lowers the calling thread's scheduling priority to `niceness`, so that the process's threads at the default priority
 * run first when every core is busy. On Linux a thread has a nice value of its own (`/proc/thread-self` names the
 * thread's id; `setpriority` takes it for a process id), and with the kernel's autogroups (the default) it weighs the
 * thread against the other threads of its session, not against other programs. Returns false where the system has no
 * such thread priority or refuses it: nothing changes there.
 */
export function lowerThreadPriority(niceness: number): boolean {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/task/')[1])
    if (!Number.isInteger(thread) || thread <= 0) return false
    setPriority(thread, niceness)
    return true
  } catch {
    return false
  }
}
