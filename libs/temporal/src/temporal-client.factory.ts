import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@aigov/config/app-config';
import { requestIdClientInterceptor } from './request-id.client-interceptor';
import { temporalDataConverter } from './temporal-data-converter';
import { temporalConnectionOptions } from './temporal-connection-options';

/** One connection per process; closed by the owner on shutdown. Calls made for an HTTP request carry its id. */
export async function createTemporalClient(config: AppConfig['temporal']): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(config));
  return new Client({
    connection,
    namespace: config.namespace,
    interceptors: { workflow: [requestIdClientInterceptor] },
    dataConverter: temporalDataConverter(config.payloadKeys),
  });
}
