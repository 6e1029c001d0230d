import 'reflect-metadata';
import { createApplication } from './bootstrap';
import { InvalidEnvironmentError, validateEnvironment } from './config/environment';
import { applyHeapGrowth } from './config/heap-growth';

async function main(): Promise<void> {
  applyHeapGrowth();
  let env;
  try {
    env = validateEnvironment(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const convergo = await createApplication(env);
  const url = await convergo.listen(env.PORT);
  console.log(`Convergo is running at ${url.replace('127.0.0.1', 'localhost')}`);
  const stop = () => {
    convergo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
