// Moved to pages/person/ (the people list beside the file page).
export { PeoplePage } from './person/PeoplePage';
