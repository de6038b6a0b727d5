from .pages import CoursePage, EventIndexPage, EventPage  # noqa: F401
from .schedule import ScheduleException, ScheduleRule  # noqa: F401
