export { ActivitiesPage } from './activities/ActivitiesPage';
