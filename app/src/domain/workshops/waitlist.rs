//! The waitlist: requests wait in arrival order; a family waits together and needs all its
//! seats at once.

/// A request on the waitlist: its id, how many seats it needs, when it arrived (and its id to
/// break ties, so the order is total).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub id: i64,
    pub seats: u32,
    pub arrived: i64,
}

/// Requests in arrival order.
pub fn in_order(waiting: &[Waiting]) -> Vec<Waiting> {
    let mut list = waiting.to_vec();
    list.sort_by_key(|w| (w.arrived, w.id));
    list
}

/// The first waiting request, in arrival order, whose seats fit in `free`. A family of three
/// is passed over while only two seats are free, but keeps its place for the next seat.
pub fn first_that_fits(waiting: &[Waiting], free: u32) -> Option<Waiting> {
    in_order(waiting).into_iter().find(|w| w.seats <= free)
}

/// A request's place in the queue (1 is next), counting only those ahead of it.
pub fn place_of(waiting: &[Waiting], id: i64) -> Option<usize> {
    in_order(waiting)
        .iter()
        .position(|w| w.id == id)
        .map(|p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(id: i64, seats: u32, arrived: i64) -> Waiting {
        Waiting { id, seats, arrived }
    }

    #[test]
    fn arrival_order_decides() {
        let list = [w(3, 1, 30), w(1, 1, 10), w(2, 1, 10)];
        let ids: Vec<_> = in_order(&list).iter().map(|x| x.id).collect();
        assert_eq!(ids, [1, 2, 3], "ties by id");
        assert_eq!(first_that_fits(&list, 1).map(|x| x.id), Some(1));
        assert_eq!(place_of(&list, 3), Some(3));
        assert_eq!(place_of(&list, 9), None);
    }

    #[test]
    fn a_family_that_does_not_fit_is_passed_over_but_keeps_its_place() {
        let list = [w(1, 3, 10), w(2, 1, 20), w(3, 2, 30)];
        assert_eq!(first_that_fits(&list, 1).map(|x| x.id), Some(2));
        assert_eq!(first_that_fits(&list, 2).map(|x| x.id), Some(2));
        assert_eq!(first_that_fits(&list, 3).map(|x| x.id), Some(1));
        assert_eq!(first_that_fits(&list, 0), None);
        assert_eq!(place_of(&list, 1), Some(1));
    }
}
