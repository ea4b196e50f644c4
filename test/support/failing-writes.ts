import {
  InsertQueryNode,
  RawNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * A Kysely plugin that makes inserts into chosen tables fail, as a full disk does: the statement
 * throws before it runs, inside whatever transaction it belongs to. Use it on our own store
 * (`store.db.withPlugin(faults)`) to see that a failed write leaves nothing half-done.
 */
export class FailingWrites implements KyselyPlugin {
  /** Tables of the inserts seen while armed, in order, the failing one last. */
  readonly seen: string[] = [];
  private armed: { tables: readonly string[]; error: () => Error } | undefined;
  /** How many inserts failed so far. */
  failures = 0;

  /** From now on every insert into one of `tables` throws `error()`. */
  arm(tables: readonly string[], error: () => Error): void {
    this.armed = { tables, error };
    this.seen.length = 0;
  }

  /** The disk has room again. */
  disarm(): void {
    this.armed = undefined;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const { node } = args;
    const table = this.armed === undefined ? undefined : insertedTable(node);
    if (this.armed && table !== undefined) {
      this.seen.push(table);
      if (this.armed.tables.includes(table)) {
        this.failures++;
        throw this.armed.error();
      }
    }
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The table an insert writes to, built with the query builder or written as SQL (`sql\`insert into …\``). */
function insertedTable(node: RootOperationNode): string | undefined {
  if (InsertQueryNode.is(node)) return node.into?.table.identifier.name;
  if (RawNode.is(node)) return /^\s*insert\s+into\s+"?(\w+)"?/i.exec(node.sqlFragments[0] ?? '')?.[1];
  return undefined;
}

/** The error each dialect's driver raises when the disk is full. */
export function diskFullError(dialect: 'sqlite' | 'postgres'): Error {
  return dialect === 'sqlite'
    ? Object.assign(new Error('database or disk is full'), { name: 'SqliteError', code: 'SQLITE_FULL' })
    : Object.assign(new Error('could not extend file "base/16384/16390": No space left on device'), {
        code: '53100',
        severity: 'ERROR',
      });
}
