// For the TypeORM CLI only (migration:generate against a real PostgreSQL): the app builds
// its data source in DatabaseModule.
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

export default new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/convergo',
  entities: [__dirname + '/../modules/**/*.entity.{ts,js}'],
  migrations: MIGRATIONS,
});
