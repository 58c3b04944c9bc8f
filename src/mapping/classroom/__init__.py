"""A class reads the telegram: each student draws where the words point, and the class sees its readings.

tasks      the five tasks a teacher can set: a clause, what to draw, and the limits of a reading
readings   a student's drawing and sentence, checked: a clear message for each fault, nothing stored
store      classes, students and readings in a database (SQLite embedded, PostgreSQL for a district),
           with the teacher's role: only the class's secret sees, closes, reveals, exports or deletes
limits     per browser: wrong keys slow only the browser typing them; the classes and lessons it makes, its joins
agreement  the class's agreement: how many readings cover each place, and where half the class agrees
"""
