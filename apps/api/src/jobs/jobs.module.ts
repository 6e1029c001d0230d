import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/** Durable background jobs on the app's database (pg-boss): infrastructure, like database/. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
