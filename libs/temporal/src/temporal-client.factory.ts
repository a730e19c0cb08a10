import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@aigov/config/app-config';

/** One connection per process; closed by the owner on shutdown. */
export async function createTemporalClient(config: AppConfig['temporal']): Promise<Client> {
  const connection = await Connection.connect({ address: config.address });
  return new Client({ connection, namespace: config.namespace });
}
