import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../context/request-context';

/**
 * Opens the one transaction of a request that writes, at the edge (a controller or a job handler), and
 * hands the services a context whose manager is that transaction's.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    if (ctx.em.queryRunner?.isTransactionActive) return work(ctx);
    return this.dataSource.transaction((em) => work(ctx.withManager(em)));
  }
}
