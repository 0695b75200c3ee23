import { HEALTH } from './cases/health';
import { describeTable } from './cases/table';

describeTable('health', HEALTH, 3);
