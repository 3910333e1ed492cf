export {
  openDatabase,
  openDurableConnection,
  migrate,
  schemaVersion,
  databaseAnswers,
  type Database,
} from './database.js';
export { MIGRATIONS, type Migration } from './migrations.js';
