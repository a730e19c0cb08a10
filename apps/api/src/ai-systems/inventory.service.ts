import { Injectable } from '@nestjs/common';
import { PassThrough, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { allows } from '@aigov/domain/access/access';
import { UserEntity } from '@aigov/persistence/entities';
import type { UserPrincipal } from '../auth/principal';
import type { ExportAiSystemsQuery } from './dto/list-ai-systems.query';
import type { InventoryFilterOptionsView } from './dto/inventory-filter-options.view';
import { inventoryCsvHeader, inventoryCsvLine, InventoryCsvRow } from './inventory-csv.util';
import { inventoryQuery } from './inventory-query';
import { InventoryXlsxRow, writeInventoryXlsx } from './inventory-xlsx.util';

/** Rows fetched from the export's cursor at a time: memory stays flat however large the inventory. */
const EXPORT_BATCH = 500;

/** The inventory screen's reads beside the paged list: its CSV export and the values its filters offer. */
@Injectable()
export class InventoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Every system matching the filters, in the list's order, as CSV, streamed: a server-side cursor
   * in a REPEATABLE READ transaction on its own connection, so the file is one consistent
   * snapshot and is never held whole in memory. The connection is released when the stream ends
   * or the client goes away.
   */
  exportCsv(q: ExportAiSystemsQuery, me: UserPrincipal): Readable {
    const [sql, params] = inventoryQuery(this.dataSource, q, me, this.clock.now())
      .leftJoin(UserEntity, 'o', 'o.id = s.accountable_owner_id')
      .select([
        's.id AS id', 's.name AS name', 's.stage AS stage', 's.risk_tier AS risk_tier', 's.business_unit AS business_unit',
        'o.name AS owner_name', 'o.email AS owner_email', 's.purpose AS purpose', 's.intended_use AS intended_use',
        's.model_type AS model_type', 's.vendor_type AS vendor_type', 's.vendor_name AS vendor_name',
        's.deployment_context AS deployment_context', 's.autonomy_level AS autonomy_level', 's.personal_data AS personal_data',
        's.special_category_data AS special_category_data', 's.current_version AS current_version',
        's.last_approved_version AS last_approved_version', 's.stage_entered_at AS stage_entered_at',
        's.next_review_at AS next_review_at', 's.created_at AS created_at', 's.updated_at AS updated_at',
      ])
      .getQueryAndParameters();
    const dataSource = this.dataSource;
    async function* lines(): AsyncGenerator<string> {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction('REPEATABLE READ');
        await runner.query(`DECLARE inventory_export NO SCROLL CURSOR FOR ${sql}`, params);
        yield inventoryCsvHeader();
        for (;;) {
          const batch: InventoryCsvRow[] = await runner.query(`FETCH ${EXPORT_BATCH} FROM inventory_export`);
          if (!batch.length) break;
          yield batch.map(inventoryCsvLine).join('');
        }
        await runner.commitTransaction();
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
    }
    return Readable.from(lines());
  }

  /**
   * The same systems in the same order as an XLSX workbook in the import's columns, so the file
   * can be edited and imported back (inventory-xlsx.util.ts). Streamed from the same kind of
   * cursor as the CSV; an error after the first bytes ends the download unfinished rather than
   * sending a truncated file that looks whole.
   */
  exportXlsx(q: ExportAiSystemsQuery, me: UserPrincipal): Readable {
    const now = this.clock.now();
    const [sql, params] = inventoryQuery(this.dataSource, q, me, now)
      .leftJoin(UserEntity, 'o', 'o.id = s.accountable_owner_id')
      .select([
        's.id AS id', 's.external_id AS external_id', 's.name AS name', 's.purpose AS purpose', 's.intended_use AS intended_use',
        'o.email AS owner_email', 'o.name AS owner_name', 's.business_unit AS business_unit', 's.data_sources AS data_sources',
        's.data_categories AS data_categories', 's.personal_data AS personal_data', 's.special_category_data AS special_category_data',
        's.model_type AS model_type', 's.vendor_type AS vendor_type', 's.vendor_name AS vendor_name',
        's.deployment_context AS deployment_context', 's.affected_stakeholders AS affected_stakeholders', 's.autonomy_level AS autonomy_level',
        's.stage AS stage', 's.risk_tier AS risk_tier', 's.current_version AS current_version', 's.last_approved_version AS last_approved_version',
        's.stage_entered_at AS stage_entered_at', 's.next_review_at AS next_review_at', 's.created_at AS created_at', 's.updated_at AS updated_at',
      ])
      .getQueryAndParameters();
    const out = new PassThrough();
    // A client that goes away ends the read at the next batch, which gives the connection back.
    const gone = new AbortController();
    out.on('close', () => gone.abort());
    writeInventoryXlsx(this.snapshot<InventoryXlsxRow>(sql, params, gone.signal), out, now).catch((error: Error) => out.destroy(error));
    return out;
  }

  /** Batches of a query's rows from a server-side cursor in one REPEATABLE READ snapshot on its own connection. */
  private async *snapshot<T>(sql: string, params: unknown[], stop: AbortSignal): AsyncGenerator<T[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query(`DECLARE inventory_xlsx NO SCROLL CURSOR FOR ${sql}`, params);
      while (!stop.aborted) {
        const batch: T[] = await runner.query(`FETCH ${EXPORT_BATCH} FROM inventory_xlsx`);
        if (!batch.length) break;
        yield batch;
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** Owners and business units of the systems the caller may see, with how many systems each has. */
  async filterOptions(me: UserPrincipal): Promise<InventoryFilterOptionsView> {
    const all = allows(me, 'ai_system.list_all');
    const mine = all ? '' : 'WHERE s.accountable_owner_id = $1 OR s.created_by_id = $1';
    const params = all ? [] : [me.id];
    const [owners, units] = await Promise.all([
      this.dataSource.query<Array<{ id: string; name: string | null; email: string | null; systems: number }>>(
        `SELECT s.accountable_owner_id AS id, u.name, u.email, count(*)::int AS systems
           FROM ai_systems s LEFT JOIN users u ON u.id = s.accountable_owner_id ${mine}
          GROUP BY 1, 2, 3 ORDER BY lower(u.name), u.email, 1`,
        params,
      ),
      this.dataSource.query<Array<{ name: string; systems: number }>>(
        `SELECT s.business_unit AS name, count(*)::int AS systems FROM ai_systems s ${mine} GROUP BY 1 ORDER BY lower(s.business_unit), 1`,
        params,
      ),
    ]);
    return {
      owners: owners.map((o) => ({ id: o.id, name: o.name ?? 'unknown person', email: o.email ?? '', systems: o.systems })),
      businessUnits: units,
    };
  }
}
