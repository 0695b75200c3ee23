import { HR } from './cases/hr';
import { describeTable } from './cases/table';

describeTable('hr', HR, 3);
