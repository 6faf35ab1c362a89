/** A worker thread that lowers its own priority to the niceness it is given, and reports whether it could and the nice value it runs at. */
import {parentPort, workerData} from 'node:worker_threads'
import {lowerThreadPriority} from '../../core/thread-priority.ts'
import {threadNice} from './thread-nice.ts'

const lowered = lowerThreadPriority(workerData as number)
parentPort!.postMessage({lowered, nice: threadNice()})
