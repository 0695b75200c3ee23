import { CHILDREN } from './cases/children';
import { describeTable } from './cases/table';

describeTable('children', CHILDREN, 3);
