export { OrgPage } from './org/OrgPage';
